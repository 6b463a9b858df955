using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SemCache.Cli.Configuration;
using SemCache.Core.Requests;
using SemCache.Server.Hosting;
using SemCache.Server.Pipeline;
using Spectre.Console;

namespace SemCache.Cli.Commands;

/// <summary><c>semcache lookup "prompt"</c>: what the cache would do, without calling the origin.</summary>
public static class LookupCommand
{
    public static Command Create()
    {
        var prompt = new Argument<string>("prompt") { Description = "The prompt, as a client would send it" };
        var model = new Option<string?>("--model") { Description = "model parameter (default flux)" };
        var width = new Option<string?>("--width") { Description = "width parameter" };
        var height = new Option<string?>("--height") { Description = "height parameter" };
        var seed = new Option<string?>("--seed") { Description = "seed parameter" };
        var negative = new Option<string?>("--negative-prompt") { Description = "negative_prompt parameter" };
        var image = new Option<string?>("--image") { Description = "image parameter (source image URLs)" };
        var param = new Option<string[]>("--param") { Description = "any other parameter as name=value (repeatable)", AllowMultipleArgumentsPerToken = false };
        var data = CommonOptions.Data();
        var json = CommonOptions.Json();
        var index = CommonOptions.Index();
        var store = CommonOptions.Store();
        var threshold = CommonOptions.Threshold();
        var command = new Command("lookup", "Tell what the cache would answer for a prompt and parameters, with the top candidates")
        {
            prompt, model, width, height, seed, negative, image, param, data, json, index, store, threshold,
        };
        command.SetAction(async (parse, ct) =>
        {
            var overrides = new Dictionary<string, string?>();
            ServeCommand.Put(overrides, "Data", parse.GetValue(data));
            ServeCommand.Put(overrides, "Index", parse.GetValue(index));
            ServeCommand.Put(overrides, "Store", parse.GetValue(store));
            ServeCommand.Put(overrides, "Semantic:Threshold", parse.GetValue(threshold)?.ToString(CultureInfo.InvariantCulture));
            var settings = SettingsLoader.Load(overrides, out var errors);
            if (settings is null)
            {
                return CliOutput.Fail(errors);
            }

            var query = new List<KeyValuePair<string, string>>();
            void Add(string name, string? value)
            {
                if (value is not null)
                {
                    query.Add(new(name, value));
                }
            }

            Add(ParameterNames.Model, parse.GetValue(model));
            Add(ParameterNames.Width, parse.GetValue(width));
            Add(ParameterNames.Height, parse.GetValue(height));
            Add(ParameterNames.Seed, parse.GetValue(seed));
            Add(ParameterNames.NegativePrompt, parse.GetValue(negative));
            Add(ParameterNames.Image, parse.GetValue(image));
            foreach (var p in parse.GetValue(param) ?? [])
            {
                var eq = p.IndexOf('=', StringComparison.Ordinal);
                if (eq <= 0)
                {
                    return CliOutput.Fail($"--param '{p}' is not name=value.", CliOutput.UsageError);
                }

                Add(p[..eq], p[(eq + 1)..]);
            }

            var services = new ServiceCollection().AddLogging(b => b.SetMinimumLevel(LogLevel.Warning)).AddSemCache(settings);
            await using var provider = services.BuildServiceProvider();
            var parser = provider.GetRequiredService<RequestParser>();
            if (!parser.TryParse(parse.GetValue(prompt) ?? string.Empty, query, null, out var request, out var error))
            {
                return CliOutput.Fail(error.Message + (error.Parameter is null ? string.Empty : $" ({error.Parameter})"), CliOutput.UsageError);
            }

            Explanation explanation;
            try
            {
                explanation = await provider.GetRequiredService<CacheExplainer>().ExplainAsync(request, ct);
            }
            catch (Exception ex) when (ex is IOException or InvalidOperationException or UnauthorizedAccessException)
            {
                return CliOutput.Fail("cannot read the cache: " + ex.Message);
            }

            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(explanation, CacheExplainer.JsonOptions));
                return 0;
            }

            Render(explanation);
            return 0;
        });
        return command;
    }

    private static void Render(Explanation e)
    {
        AnsiConsole.MarkupLine("[bold]decision[/]  {0} ({1})", Markup.Escape(e.Decision), Markup.Escape(e.Reason));
        AnsiConsole.MarkupLine("[bold]key[/]       {0}", e.Key);
        AnsiConsole.MarkupLine("[bold]partition[/] {0}", Markup.Escape(e.PartitionDescription));
        AnsiConsole.MarkupLine("[bold]language[/]  {0} (known tokens {1:P0}, semantic {2})", Markup.Escape(e.Language ?? "?"), e.KnownTokenShare ?? 0, e.SemanticEligible ? "yes" : "no");
        if (e.EnglishRendering is { } english)
        {
            // The bridge's English is what the candidates were compared with; without it a Spanish hit is a riddle.
            AnsiConsole.MarkupLine("[bold]english[/]   {0}", Markup.Escape(english));
        }

        AnsiConsole.MarkupLine("[bold]threshold[/] {0:0.000}", e.Threshold);
        if (e.VerifierCutoff is { } cutoff)
        {
            AnsiConsole.MarkupLine("[bold]verifier[/]  cut-off {0:0.000}", cutoff);
        }

        if (e.Candidates.Count == 0)
        {
            AnsiConsole.MarkupLine("no candidates in this partition");
            return;
        }

        var table = new Table().AddColumns("similarity", "verifier", "prompt", "served", "guards", "words");
        foreach (var c in e.Candidates)
        {
            var guards = string.Join(", ", c.Guards.Where(g => !g.Passed).Select(g => g.Guard + (g.Reason is null ? string.Empty : ": " + g.Reason)));
            table.AddRow(
                c.Similarity.ToString("0.0000", CultureInfo.InvariantCulture),
                c.VerifierScore?.ToString("0.000", CultureInfo.InvariantCulture) ?? "-",
                Markup.Escape(c.Prompt),
                c.Served ? "[green]yes[/]" : c.AboveThreshold ? "[yellow]guarded[/]" : "no",
                Markup.Escape(guards.Length == 0 ? "pass" : guards),
                Markup.Escape(string.Join(", ", c.WordLinks)));
        }

        AnsiConsole.Write(table);
    }
}
