using Microsoft.Extensions.Configuration;

namespace SemCache.Server.Hosting;

/// <summary>
/// Binds <see cref="SemCacheSettings"/> from configuration: the sections of the origin, index and store straight onto
/// their own options classes, the word settings case-insensitively. Then validates everything at once.
/// </summary>
public static partial class SettingsBinder
{
    /// <summary>The settings, or null and one message per problem (each naming the setting).</summary>
    public static SemCacheSettings? Bind(IConfiguration configuration, out IReadOnlyList<string> errors)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var wordErrors = SettingWords.CheckAndClear(configuration);
        SemCacheSettings settings;
        try
        {
            settings = configuration.Get<SemCacheSettings>() ?? new SemCacheSettings();
        }
        catch (InvalidOperationException ex)
        {
            errors = [.. wordErrors, Conversion(ex.Message)];
            return null;
        }

        errors = [.. wordErrors, .. settings.Validate()];
        return errors.Count == 0 ? settings : null;
    }

    /// <summary>
    /// The binder names the key and a CLR type ("System.TimeSpan"); say instead what to write, in the words of the
    /// other setting errors. An unrecognised message is passed on as it is.
    /// </summary>
    private static string Conversion(string message)
    {
        var match = ConversionMessage().Match(message);
        var expected = match.Success ? match.Groups["type"].Value switch
        {
            "System.TimeSpan" => "a time span such as 00:00:30 (hh:mm:ss, or d.hh:mm:ss)",
            "System.Int32" or "System.Int64" => "a whole number",
            "System.Single" or "System.Double" => "a number such as 0.8",
            "System.Boolean" => "true or false",
            _ => null,
        } : null;
        return expected is null
            ? message + " Check the value in appsettings.json, the SEMCACHE__ environment variable or the option."
            : $"{match.Groups["key"].Value}: '{match.Groups["value"].Value}' is not {expected}.";
    }

    [System.Text.RegularExpressions.GeneratedRegex("^Failed to convert configuration value '(?<value>.*)' at '(?<key>[^']+)' to type '(?<type>[^']+)'")]
    private static partial System.Text.RegularExpressions.Regex ConversionMessage();
}
