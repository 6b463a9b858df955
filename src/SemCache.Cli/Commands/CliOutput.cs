using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SemCache.Cli.Commands;

/// <summary>Errors as one line on stderr with a non-zero exit code; JSON in snake_case, relaxed escaping.</summary>
public static class CliOutput
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,

        // Output meant for people: keep &, ' and > as they are (partitions, guard reasons), not \u0026-style escapes.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public const int UsageError = 2;
    public const int Failure = 1;

    /// <summary>
    /// Runs long work with a live status line on a terminal; with --json or redirected output the status goes to
    /// stderr now and then, so stdout stays machine-readable.
    /// </summary>
    public static async Task WithStatusAsync(bool json, string initial, Func<Action<string>, Task> work)
    {
        if (json || Console.IsOutputRedirected)
        {
            var last = DateTime.UtcNow;
            Console.Error.WriteLine("semcache: " + initial);
            await work(status =>
            {
                if (DateTime.UtcNow - last > TimeSpan.FromSeconds(5))
                {
                    last = DateTime.UtcNow;
                    Console.Error.WriteLine("semcache: " + status);
                }
            });
            return;
        }

        await Spectre.Console.AnsiConsole.Status().StartAsync(initial, ctx => work(s => ctx.Status = Spectre.Console.Markup.Escape(s)));
    }

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
