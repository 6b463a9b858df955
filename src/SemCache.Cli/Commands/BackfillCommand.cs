using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SemCache.Backfill;
using SemCache.Core.Storage;
using SemCache.Server.Hosting;
using Spectre.Console;

namespace SemCache.Cli.Commands;

/// <summary><c>semcache backfill</c>: index images stored before the cache (or its embeddings) existed. See docs/backfill.md.</summary>
public static class BackfillCommand
{
    public static Command Create()
    {
        var from = new Option<string>("--from") { Description = "s3://bucket/prefix or a directory", Required = true };
        var format = new Option<string>("--key-format") { Description = "semcache | pollinations | manifest", Required = true };
        var manifest = new Option<string?>("--manifest") { Description = "CSV or JSONL of key, prompt, parameters (--key-format manifest)" };
        var dryRun = new Option<bool>("--dry-run") { Description = "Recover and count, write nothing" };
        var concurrency = new Option<int>("--concurrency") { Description = "Objects read and written at once", DefaultValueFactory = _ => BackfillOptions.DefaultConcurrency };
        var rate = new Option<string?>("--rate") { Description = "At most N objects per second, e.g. 50/s (for remote embedders)" };
        var limit = new Option<long?>("--limit") { Description = "Stop after N listed objects (the next run goes on from there)" };
        var batch = new Option<int>("--batch") { Description = "Prompts per embedding call (and per checkpoint)", DefaultValueFactory = _ => 64 };
        var data = CommonOptions.Data();
        var json = CommonOptions.Json();
        var index = CommonOptions.Index();
        var store = CommonOptions.Store();
        var command = new Command("backfill", "Store and index images that sit in a bucket or directory without embeddings (resumable, idempotent)")
        {
            from, format, manifest, dryRun, concurrency, rate, limit, batch, data, json, index, store,
        };
        command.SetAction(async (parse, ct) =>
        {
            if (!Enum.TryParse<KeyFormat>(parse.GetValue(format), ignoreCase: true, out var keyFormat) || !Enum.IsDefined(keyFormat))
            {
                return CliOutput.Fail($"--key-format: '{parse.GetValue(format)}' is unknown; use semcache, pollinations or manifest.", CliOutput.UsageError);
            }

            double? perSecond = null;
            if (parse.GetValue(rate) is { } rateText)
            {
                if (!double.TryParse(rateText.Replace("/s", "", StringComparison.Ordinal), NumberStyles.Float, CultureInfo.InvariantCulture, out var r) || r <= 0)
                {
                    return CliOutput.Fail($"--rate: '{rateText}' is not a rate such as 50/s.", CliOutput.UsageError);
                }

                perSecond = r;
            }

            var settings = CommonOptions.LoadCacheSettings(parse, data, index, store, out var settingsFailure);
            if (settings is null)
            {
                return settingsFailure;
            }

            await using var services = OfflineCache.Build(settings);
            var source = Open(parse.GetValue(from)!, keyFormat, parse.GetValue(manifest), settings, services, out var sourceIsStore, out var failure);
            if (source is null)
            {
                return failure;
            }

            using (source)
            {
                var options = new BackfillOptions
                {
                    Format = keyFormat,
                    DryRun = parse.GetValue(dryRun),
                    Concurrency = Math.Clamp(parse.GetValue(concurrency), 1, 256),
                    RatePerSecond = perSecond,
                    Limit = parse.GetValue(limit),
                    BatchSize = Math.Clamp(parse.GetValue(batch), 1, 1024),
                    CheckpointPath = BackfillCheckpoint.PathFor(settings.Data, parse.GetValue(from)!, keyFormat, parse.GetValue(manifest)),
                    SourceIsStore = sourceIsStore,
                };
                ReserveThreads(options.Concurrency);
                var runner = ActivatorUtilities.CreateInstance<BackfillRunner>(services);
                BackfillSummary summary;
                try
                {
                    summary = await RunWithProgressAsync(runner, source, options, ct);
                }
                catch (OperationCanceledException)
                {
                    return CliOutput.Fail("interrupted; run the same command again to resume from the checkpoint.", 130);
                }

                Report(summary, source.Description, parse.GetValue(json));
                return summary.Failed.Count == 0 ? 0 : CliOutput.Failure;
            }
        });
        return command;
    }

    /// <summary>
    /// File writes (each fsynced) and reads block a pool thread on Linux, and the embedding holds one per core; with the
    /// pool's minimum of one thread per core the stores queue behind the embedding until the pool slowly adds threads,
    /// so the two would take turns instead of overlapping. Starting with enough threads for both lets them overlap.
    /// </summary>
    private static void ReserveThreads(int concurrency)
    {
        ThreadPool.GetMinThreads(out var workers, out var completionPorts);
        ThreadPool.SetMinThreads(Math.Max(workers, concurrency + Environment.ProcessorCount), completionPorts);
    }

    private static IBackfillSource? Open(
        string from, KeyFormat format, string? manifest, SemCacheSettings settings, IServiceProvider services, out bool sourceIsStore, out int failure)
    {
        failure = 0;
        sourceIsStore = false;
        try
        {
            return BackfillSources.Create(from, format, manifest, Destination(settings, services.GetRequiredService<IImageStore>()), out sourceIsStore);
        }
        catch (IOException ex)
        {
            failure = CliOutput.Fail(ex.Message, CliOutput.UsageError);
            return null;
        }
    }

    /// <summary>The configured cache as the backfill sees it: its store and where that store keeps its objects.</summary>
    private static BackfillDestination Destination(SemCacheSettings settings, IImageStore store) => new(store)
    {
        ImagesDirectory = settings.Store == StoreKind.Files ? Path.Combine(settings.Data, "images") : null,
        Bucket = settings.Store == StoreKind.S3 ? settings.S3.Bucket : null,
        Prefix = settings.S3.Prefix,
        S3 = new S3Endpoint { ServiceUrl = settings.S3.ServiceUrl, Region = settings.S3.Region, ForcePathStyle = settings.S3.ForcePathStyle },
    };

    private static async Task<BackfillSummary> RunWithProgressAsync(BackfillRunner runner, IBackfillSource source, BackfillOptions options, CancellationToken ct)
    {
        if (AnsiConsole.Profile.Capabilities.Interactive && !Console.IsOutputRedirected)
        {
            return await AnsiConsole.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
                .StartAsync(async ctx =>
                {
                    var task = ctx.AddTask("backfill", maxValue: options.Limit ?? 1);
                    task.IsIndeterminate = options.Limit is null;
                    return await runner.RunAsync(source, options, new Callback(p =>
                    {
                        task.Description = $"{p.Processed} objects, {p.PerSecond:0}/s, {p.Indexed} indexed, {p.AlreadyPresent} present, {p.Skipped} skipped, {p.Failed} failed";
                        task.Value = options.Limit is null ? 0 : p.Processed;
                    }), ct);
                });
        }

        var last = TimeSpan.Zero;
        return await runner.RunAsync(source, options, new Callback(p =>
        {
            if (p.Elapsed - last >= TimeSpan.FromSeconds(2))
            {
                last = p.Elapsed;
                Console.Error.WriteLine($"backfill: {p.Processed} objects ({p.PerSecond:0}/s): {p.Indexed} indexed, {p.AlreadyPresent} present, {p.Skipped} skipped, {p.Failed} failed");
            }
        }), ct);
    }

    private static void Report(BackfillSummary summary, string from, bool json)
    {
        if (json)
        {
            Console.WriteLine(JsonSerializer.Serialize(summary, CliOutput.Json));
            return;
        }

        var verb = summary.DryRun ? "would index" : "indexed";
        Console.WriteLine($"{from}: {summary.Processed} objects in {summary.Seconds:0.0} s ({summary.ObjectsPerSecond:0}/s): {verb} {summary.Indexed}, {summary.AlreadyPresent} already present{(summary.Completed ? "" : " (stopped early; run again to go on)")}");
        foreach (var (reason, count) in summary.Skipped)
        {
            Console.WriteLine($"  skipped {count}: {reason}{(reason == BackfillRunner.Unreadable ? " (stored for the exact tier)" : "")}");
        }

        foreach (var (reason, count) in summary.Failed)
        {
            Console.WriteLine($"  failed {count}: {reason}");
        }
    }

    /// <summary>Reports on the caller's thread, in order (Progress&lt;T&gt; would post them to the thread pool).</summary>
    private sealed class Callback(Action<BackfillProgress> action) : IProgress<BackfillProgress>
    {
        public void Report(BackfillProgress value) => action(value);
    }
}
