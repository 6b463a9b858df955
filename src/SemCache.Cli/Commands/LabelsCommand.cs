using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using SemCache.Core.Review;
using SemCache.Evaluation;
using SemCache.Matching.Language;
using SemCache.Server.Hosting;
using SemCache.Server.Maintenance;

namespace SemCache.Cli.Commands;

/// <summary>
/// <c>semcache labels export</c> (labelled pairs as pair TSV for eval, calibrate and the verifier's training) and
/// <c>semcache labels stats</c> (counts and the measured false-hit rate with a 95% Wilson interval).
/// Reads the review store beside the configured index; safe while a server runs.
/// </summary>
public static class LabelsCommand
{
    private const int PageSize = 500;

    public static Command Create() => new("labels", "Labels given on the review page: export them as pair TSV, or measure the false-hit rate")
    {
        Export(),
        Stats(),
    };

    private static Command Export()
    {
        var data = CommonOptions.Data();
        var json = CommonOptions.Json();
        var index = CommonOptions.Index();
        var since = new Option<string?>("--since") { Description = "Only labels given since a date (2026-12-01) or for a duration (7d, 12h)" };
        var output = new Option<string?>("--out") { Description = "Write to this file instead of standard output" };
        var command = new Command("export", "Write labelled pairs as TSV (a b label category lang source; category live, source live:<date>)")
        {
            data, json, index, since, output,
        };
        command.SetAction(async (parse, ct) =>
        {
            var settings = LoadSettings(parse, data, index, out var failure);
            if (settings is null)
            {
                return failure;
            }

            DateTimeOffset? from = null;
            if (parse.GetValue(since) is { } text)
            {
                if (!TryParseSince(text, DateTimeOffset.UtcNow, out var parsed))
                {
                    return CliOutput.Fail($"--since '{text}' is neither a date (2026-12-01) nor a duration (7d, 12h, 90m).", CliOutput.UsageError);
                }

                from = parsed;
            }

            var pairs = await ReadLabelledAsync(settings, from, ct);
            var body = parse.GetValue(json)
                ? JsonSerializer.Serialize(pairs.Select(p => new
                {
                    id = p.Id,
                    a = p.QueryPrompt,
                    b = p.CandidatePrompt,
                    label = p.Label!.Acceptable ? 1 : 0,
                    reviewer = p.Label.Reviewer,
                    labelled_at = p.Label.LabelledAt,
                    similarity = p.Similarity,
                    decision = p.Decision,
                    partition = p.Partition,
                    model = p.Model,
                }), CliOutput.Json) + "\n"
                : ToTsv(pairs);
            if (parse.GetValue(output) is { } path)
            {
                await File.WriteAllTextAsync(path, body, new UTF8Encoding(false), ct);
                Console.Error.WriteLine($"semcache: {pairs.Count} labelled pairs written to {path}");
            }
            else
            {
                Console.Write(body);
            }

            return 0;
        });
        return command;
    }

    private static Command Stats()
    {
        var data = CommonOptions.Data();
        var json = CommonOptions.Json();
        var index = CommonOptions.Index();
        var command = new Command("stats", "Recorded and labelled pairs, and the labelled false-hit rate with its 95% Wilson interval, overall and per partition")
        {
            data, json, index,
        };
        command.SetAction(async (parse, ct) =>
        {
            var settings = LoadSettings(parse, data, index, out var failure);
            if (settings is null)
            {
                return failure;
            }

            ReviewCounts counts;
            var store = await ReviewStores.OpenAsync(settings, ct);
            try
            {
                counts = await store.CountAsync(ct);
            }
            finally
            {
                await DisposeAsync(store);
            }

            var overall = WilsonInterval.Of(counts.FalseHits, counts.LabelledHits);
            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(new
                {
                    pairs = counts.Pairs,
                    labelled = counts.Labelled,
                    labelled_hits = counts.LabelledHits,
                    false_hits = counts.FalseHits,
                    false_hit_rate = overall.Rate,
                    interval_low = overall.Low,
                    interval_high = overall.High,
                    partitions = counts.Partitions.Select(p =>
                    {
                        var w = WilsonInterval.Of(p.FalseHits, p.LabelledHits);
                        return new { partition = p.Partition, description = p.PartitionDescription, labelled_hits = p.LabelledHits, false_hits = p.FalseHits, false_hit_rate = w.Rate, interval_low = w.Low, interval_high = w.High };
                    }),
                }, CliOutput.Json));
                return 0;
            }

            Console.WriteLine($"{counts.Pairs} recorded pairs, {counts.Labelled} labelled, {counts.LabelledHits} labelled hits");
            Console.WriteLine($"false-hit rate {Line(counts.FalseHits, counts.LabelledHits, overall)}");
            foreach (var p in counts.Partitions)
            {
                Console.WriteLine($"  {p.PartitionDescription}: {Line(p.FalseHits, p.LabelledHits, WilsonInterval.Of(p.FalseHits, p.LabelledHits))}");
            }

            return 0;
        });
        return command;
    }

    private static SemCacheSettings? LoadSettings(ParseResult parse, Option<string?> data, Option<string?> index, out int failure)
    {
        var overrides = new Dictionary<string, string?>();
        ServeCommand.Put(overrides, "Data", parse.GetValue(data));
        ServeCommand.Put(overrides, "Index", parse.GetValue(index));
        var settings = Configuration.SettingsLoader.Load(overrides, out var errors);
        failure = settings is null ? CliOutput.Fail(errors) : 0;

        // Reading labels must not create an empty cache where a mistyped --data points.
        if (settings is not null && settings.Index != IndexKind.Postgres && !Directory.Exists(Path.Combine(settings.Data, "index")))
        {
            failure = CliOutput.Fail($"no cache index in '{Path.GetFullPath(settings.Data)}' (pass --data DIR of a cache, or SEMCACHE__DATA).", CliOutput.UsageError);
            return null;
        }

        return settings;
    }

    /// <summary>A date or date-time (UTC unless it says otherwise), or a duration back from <paramref name="now"/>.</summary>
    public static bool TryParseSince(string text, DateTimeOffset now, out DateTimeOffset since)
    {
        if (DurationText.TryParse(text, out var age))
        {
            since = now - age;
            return true;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out since);
    }

    private static string Line(long falseHits, long hits, WilsonInterval w) => hits == 0
        ? "n/a (no labelled hits)"
        : string.Create(CultureInfo.InvariantCulture, $"{w.Rate:P1} ({falseHits} of {hits}), 95% interval {w.Low:P1} - {w.High:P1}");

    private static async Task<List<RecordedPair>> ReadLabelledAsync(SemCacheSettings settings, DateTimeOffset? since, CancellationToken ct)
    {
        var store = await ReviewStores.OpenAsync(settings, ct);
        try
        {
            var all = new List<RecordedPair>();
            for (var offset = 0; ; offset += PageSize)
            {
                var page = await store.ListAsync(new ReviewFilter { Labelled = true, LabelledSince = since, Limit = PageSize, Offset = offset }, ct);
                all.AddRange(page);
                if (page.Count < PageSize)
                {
                    break;
                }
            }

            // Oldest label first, so appending later exports keeps a file in time order.
            return [.. all.OrderBy(p => p.Label!.LabelledAt).ThenBy(p => p.Id, StringComparer.Ordinal)];
        }
        finally
        {
            await DisposeAsync(store);
        }
    }

    private static string ToTsv(IEnumerable<RecordedPair> pairs)
    {
        var text = new StringBuilder(PairFile.Header).Append('\n');
        foreach (var p in pairs)
        {
            var date = p.Label!.LabelledAt.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            text.Append(Cell(p.QueryPrompt)).Append('\t')
                .Append(Cell(p.CandidatePrompt)).Append('\t')
                .Append(p.Label.Acceptable ? '1' : '0').Append('\t')
                .Append("live\t")
                .Append(LanguageDetector.Detect(p.QueryPrompt)).Append('\t')
                .Append("live:").Append(date).Append('\n');
        }

        return text.ToString();
    }

    // Stored prompts are canonical (white space folded), but a TSV cell must never hold a tab or a line break.
    private static string Cell(string prompt) => prompt.Replace('\t', ' ').Replace('\r', ' ').Replace('\n', ' ');

    private static async ValueTask DisposeAsync(IReviewStore store)
    {
        switch (store)
        {
            case IAsyncDisposable a: await a.DisposeAsync(); break;
            case IDisposable d: d.Dispose(); break;
        }
    }
}
