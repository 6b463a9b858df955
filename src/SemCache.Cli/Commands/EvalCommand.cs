using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using SemCache.Cli.Configuration;
using SemCache.Embedding;
using SemCache.Evaluation;
using Spectre.Console;

namespace SemCache.Cli.Commands;

/// <summary><c>semcache eval --pairs FILE</c>: runs the real decision pipeline over labelled prompt pairs.</summary>
public static class EvalCommand
{
    /// <summary>The report's documented field names (as declared), with the CLI's relaxed escaping.</summary>
    private static readonly JsonSerializerOptions EvalJson = new() { WriteIndented = true, Encoder = CliOutput.Json.Encoder };

    public static Command Create()
    {
        var pairs = new Option<string>("--pairs") { Description = "TSV with header a, b, label, category, lang, source", Required = true };
        var threshold = CommonOptions.Threshold();
        var json = CommonOptions.Json();
        var embedderKind = CommonOptions.Embedder();
        var noGuards = new Option<bool>("--no-guards") { Description = "Judge by the threshold alone (to measure what the guards add)" };
        var verifier = new Option<bool>("--no-verifier") { Description = "Decide with the guards alone, without the trained pair verifier (Semantic:VerifierEnabled=false)" };
        var command = new Command("eval", "Measure recall and false-hit rate of the semantic decision on labelled pairs (overall, per category, per language)")
        {
            pairs, threshold, json, noGuards, embedderKind, verifier,
        };
        command.SetAction(async (parse, ct) =>
        {
            var overrides = new Dictionary<string, string?>();
            ServeCommand.Put(overrides, "Embedder:Kind", parse.GetValue(embedderKind));
            ServeCommand.Put(overrides, "Semantic:Threshold", parse.GetValue(threshold)?.ToString(CultureInfo.InvariantCulture));
            if (parse.GetValue(noGuards))
            {
                overrides["Semantic:GuardsEnabled"] = "false";
            }

            if (parse.GetValue(verifier))
            {
                overrides["Semantic:VerifierEnabled"] = "false";
            }

            var settings = SettingsLoader.Load(overrides, out var errors);
            if (settings is null)
            {
                return CliOutput.Fail(errors);
            }

            if (!TryReadPairs(parse.GetValue(pairs)!, out var labelled, out var failure))
            {
                return failure;
            }

            using var embedder = EmbedderFactory.Create(settings.Embedder, settings.Data);
            var evaluator = new PairEvaluator(embedder, settings.Semantic);
            var report = await WithStatus(parse.GetValue(json), $"embedding and judging {labelled.Count} pairs", () => evaluator.EvaluateAsync(labelled, ct));
            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(report, EvalJson));
            }
            else
            {
                Console.WriteLine($"embedder {embedder.EmbedderId}, guards {(settings.Semantic.GuardsEnabled ? "on" : "off")}, verifier {(settings.Semantic.VerifierEnabled ? "on" : "off")}");
                Console.WriteLine(EvalTable.Render(report));
            }

            return 0;
        });
        return command;
    }

    internal static bool TryReadPairs(string path, out IReadOnlyList<LabelledPair> pairs, out int failure)
    {
        pairs = [];
        failure = 0;
        try
        {
            pairs = PairFile.Read(path);
            return true;
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            failure = CliOutput.Fail($"--pairs: {ex.Message}", CliOutput.UsageError);
            return false;
        }
    }

    internal static async Task<T> WithStatus<T>(bool quiet, string what, Func<Task<T>> work)
    {
        if (quiet || Console.IsOutputRedirected)
        {
            Console.Error.WriteLine("semcache: " + what + "...");
            return await work();
        }

        return await AnsiConsole.Status().StartAsync(what + "...", _ => work());
    }
}
