using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using SemCache.Cli.Configuration;
using SemCache.Embedding;
using SemCache.Evaluation;
using Spectre.Console;

namespace SemCache.Cli.Commands;

/// <summary><c>semcache calibrate</c>: sweeps the threshold and picks the best recall under a false-hit budget.</summary>
public static class CalibrateCommand
{
    public static Command Create()
    {
        var pairs = new Option<string>("--pairs") { Description = "TSV with header a, b, label, category, lang, source", Required = true };
        var maxFalseHit = new Option<double>("--max-false-hit") { Description = "Largest acceptable false-hit rate overall", DefaultValueFactory = _ => 0.01 };
        var maxCategory = new Option<double?>("--max-category-false-hit") { Description = "Largest acceptable false-hit rate in any negative category (default 0.02)" };
        var plot = new Option<string?>("--plot") { Description = "Write a PNG plot of recall and false-hit rate against the threshold" };
        var json = CommonOptions.Json();
        var embedderKind = CommonOptions.Embedder();
        var command = new Command("calibrate", "Sweep the semantic threshold on labelled pairs and print the best one under a false-hit budget, with the curve")
        {
            pairs, maxFalseHit, maxCategory, plot, json, embedderKind,
        };
        command.SetAction(async (parse, ct) =>
        {
            var overrides = new Dictionary<string, string?>();
            ServeCommand.Put(overrides, "Embedder:Kind", parse.GetValue(embedderKind));
            var settings = SettingsLoader.Load(overrides, out var errors);
            if (settings is null)
            {
                return CliOutput.Fail(errors);
            }

            var budget = parse.GetValue(maxFalseHit);
            if (budget is < 0 or > 1)
            {
                return CliOutput.Fail("--max-false-hit must be from 0 to 1.", CliOutput.UsageError);
            }

            if (!EvalCommand.TryReadPairs(parse.GetValue(pairs)!, out var labelled, out var failure))
            {
                return failure;
            }

            using var embedder = EmbedderFactory.Create(settings.Embedder, settings.Data);
            var calibrator = new Calibrator(new PairEvaluator(embedder, settings.Semantic));
            var target = new CalibrationTarget { MaxFalseHitRate = budget, MaxCategoryFalseHitRate = parse.GetValue(maxCategory) ?? 0.02 };
            var result = await EvalCommand.WithStatus(parse.GetValue(json), $"sweeping thresholds over {labelled.Count} pairs", () => calibrator.CalibrateAsync(labelled, target, ct));
            if (parse.GetValue(plot) is { } png)
            {
                CalibrationPlot.Write(png, result, target);
            }

            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(new { best = result.Best, curve = result.Curve, report = result.BestReport }, CliOutput.Json));
                return result.Best is null ? 1 : 0;
            }

            var table = new Table().AddColumns("threshold", "recall", "false hits", "precision", "worst category", "meets target");
            foreach (var p in result.Curve.Where((_, i) => i % 4 == 0 || result.Best == _))
            {
                table.AddRow(
                    p.Threshold.ToString("0.000", CultureInfo.InvariantCulture),
                    EvalTable.Pct(p.Recall),
                    EvalTable.Pct(p.FalseHitRate),
                    EvalTable.Pct(p.Precision),
                    Markup.Escape($"{p.WorstCategory} {EvalTable.Pct(p.WorstCategoryFalseHitRate)}"),
                    p == result.Best ? "[green]best[/]" : p.MeetsTarget ? "yes" : "no");
            }

            AnsiConsole.Write(table);
            if (result.Best is null)
            {
                return CliOutput.Fail($"no threshold meets a false-hit rate of {budget:P1} overall and {target.MaxCategoryFalseHitRate:P1} per category.");
            }

            AnsiConsole.MarkupLine("[bold]best threshold {0:0.000}[/]: recall {1}, false-hit rate {2} (set Semantic:Threshold or --threshold)", result.Best.Threshold, EvalTable.Pct(result.Best.Recall), EvalTable.Pct(result.Best.FalseHitRate));
            return 0;
        });
        return command;
    }
}
