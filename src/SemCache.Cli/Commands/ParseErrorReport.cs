using System.CommandLine;
using System.CommandLine.Parsing;

namespace SemCache.Cli.Commands;

/// <summary>
/// Turns System.CommandLine's parse errors into the CLI's one line on stderr (exit 2) that names the option and the
/// value it expects, with a hint to --help, instead of a .NET type name followed by the whole help text.
/// </summary>
public static class ParseErrorReport
{
    /// <summary>Writes the line and returns the usage exit code.</summary>
    public static int Write(ParseResult parse)
    {
        var command = parse.CommandResult.Command;
        var unmatched = parse.UnmatchedTokens;
        var messages = unmatched.Select(t => Unknown(t, command)).ToList();
        foreach (var error in parse.Errors)
        {
            // Unknown tokens are named above; "a command is needed" says nothing more once one is named.
            if (unmatched.Any(t => error.Message.Contains($"'{t}'", StringComparison.Ordinal))
                || (unmatched.Count > 0 && error.SymbolResult is CommandResult { Command.Action: null }))
            {
                continue;
            }

            messages.Add(Describe(error));
        }

        var text = string.Join("; ", messages.Distinct(StringComparer.Ordinal));
        return CliOutput.Fail($"{text}. See '{CommandPath(parse.CommandResult)} --help'.", CliOutput.UsageError);
    }

    private static string Unknown(string token, Command command) =>
        token.StartsWith('-') ? $"unknown option '{token}'"
        : command.Subcommands.Count > 0 ? $"unknown command '{token}' (one of {string.Join(", ", command.Subcommands.Select(c => c.Name))})"
        : $"unexpected argument '{token}'";

    private static string Describe(ParseError error)
    {
        switch (error.SymbolResult)
        {
            case ArgumentResult { Parent: OptionResult option } argument when argument.Tokens.Count > 0:
                return $"{option.Option.Name}: '{argument.Tokens[0].Value}' is not {Expected(option.Option.ValueType)}";
            case OptionResult option when option.Tokens.Count > 0:
                return $"{option.Option.Name}: '{option.Tokens[0].Value}' is not {Expected(option.Option.ValueType)}";
            case OptionResult option when option.Option.Required && option.Implicit:
                return $"{option.Option.Name} is required";
            case OptionResult option:
                return NeedsValue(option.Option);
            case ArgumentResult { Parent: OptionResult option }:
                return NeedsValue(option.Option);
            case ArgumentResult { Parent: CommandResult } argument when argument.Tokens.Count == 0:
                return $"missing <{argument.Argument.Name}>";
            case CommandResult { Command.Action: null } command when command.Command.Subcommands.Count > 0:
                return "a command is needed (one of " + string.Join(", ", command.Command.Subcommands.Select(c => c.Name)) + ")";
            case CommandResult command when command.Command.Arguments.Count > 0 && command.Tokens.Count == 0:
                return "missing " + string.Join(" ", command.Command.Arguments.Select(a => $"<{a.Name}>"));
            default:
                return error.Message.TrimEnd('.');
        }
    }

    private static string NeedsValue(Option option) =>
        (Nullable.GetUnderlyingType(option.ValueType) ?? option.ValueType) == typeof(string)
            ? $"{option.Name} needs a value"
            : $"{option.Name} needs a value ({Expected(option.ValueType)})";

    private static string Expected(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type.IsEnum)
        {
            return "one of " + string.Join(", ", Enum.GetNames(type).Select(n => n.ToLowerInvariant()));
        }

        return Type.GetTypeCode(type) switch
        {
            TypeCode.Int16 or TypeCode.Int32 or TypeCode.Int64 or TypeCode.UInt16 or TypeCode.UInt32 or TypeCode.UInt64 => "a whole number",
            TypeCode.Single or TypeCode.Double or TypeCode.Decimal => "a number such as 0.85",
            TypeCode.Boolean => "true or false",
            _ => "text",
        };
    }

    private static string CommandPath(CommandResult command)
    {
        var names = new List<string>();
        for (SymbolResult? r = command; r is not null; r = r.Parent)
        {
            if (r is CommandResult c)
            {
                names.Insert(0, c.Parent is null ? "semcache" : c.Command.Name);
            }
        }

        return string.Join(' ', names);
    }
}
