using System.Text.Json;
using System.Text.Json.Serialization;

namespace SemCache.Cli.Commands;

/// <summary>Errors as one line on stderr with a non-zero exit code; JSON in snake_case.</summary>
public static class CliOutput
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public const int UsageError = 2;
    public const int Failure = 1;

    public static int Fail(string message, int code = Failure)
    {
        Console.Error.WriteLine("semcache: " + message);
        return code;
    }

    public static int Fail(IReadOnlyList<string> messages)
    {
        foreach (var m in messages)
        {
            Console.Error.WriteLine("semcache: " + m);
        }

        return UsageError;
    }
}
