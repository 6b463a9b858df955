using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using SemCache.Cli.Bench;
using SemCache.Server.Hosting;
using Spectre.Console;

namespace SemCache.Cli.Commands;

/// <summary>
/// <c>semcache bench</c>: replays real prompts through a semcache (a running one given by --url, or one started here on
/// a fresh data directory with the demo origin) and reports latency per outcome, hit rates and throughput.
/// </summary>
public static class BenchCommand
{
    public static Command Create()
    {
        var prompts = new Option<string>("--prompts") { Description = "Prompt file, one per line", DefaultValueFactory = _ => "datasets/workload/prompts.txt" };
        var url = new Option<string?>("--url") { Description = "A running semcache; default: start one here on a fresh data directory with the demo origin" };
        var limit = new Option<int?>("--limit") { Description = "Replay only the first N prompts" };
        var concurrency = new Option<int>("--concurrency") { Description = "Concurrent clients", DefaultValueFactory = _ => 8 };
        var delay = new Option<int>("--demo-delay") { Description = "Demo origin delay (ms) of the server started here", DefaultValueFactory = _ => 200 };
        var data = CommonOptions.Data();
        var json = CommonOptions.Json();
        var command = new Command("bench", "Replay a prompt workload through semcache and report p50/p99 latency per outcome, hit rates and requests/s")
        {
            prompts, url, limit, concurrency, delay, data, json,
        };
        command.SetAction(async (parse, ct) =>
        {
            var file = parse.GetValue(prompts)!;
            if (!File.Exists(file))
            {
                return CliOutput.Fail($"--prompts: '{file}' does not exist.", CliOutput.UsageError);
            }

            var lines = File.ReadLines(file).Where(l => l.Trim().Length > 0).ToList();
            if (parse.GetValue(limit) is { } n)
            {
                lines = lines.Take(Math.Max(0, n)).ToList();
            }

            var workers = parse.GetValue(concurrency);
            if (workers is < 1 or > 512)
            {
                return CliOutput.Fail("--concurrency must be from 1 to 512.", CliOutput.UsageError);
            }

            WebApplication? local = null;
            string? tempData = null;
            var baseUrl = parse.GetValue(url);
            if (baseUrl is null)
            {
                var dir = parse.GetValue(data);
                if (dir is null)
                {
                    tempData = Path.Combine(Path.GetTempPath(), "semcache-bench-" + Guid.NewGuid().ToString("N"));
                    dir = tempData;
                }

                // One client sends everything: the per-client rate limit would measure itself, not the cache.
                var settings = new SemCacheSettings { Data = dir, Port = 0, DemoDelayMs = parse.GetValue(delay), RateLimit = new RateLimitSettings { PermitsPerMinute = 0 } };
                local = SemCacheServer.Build(settings, configureLogging: l => l.SetMinimumLevel(LogLevel.Warning));
                await local.StartAsync(ct);
                baseUrl = local.Urls.First();
            }

            try
            {
                using var client = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromMinutes(5) };
                var runner = new ReplayRunner(client, workers);
                var watch = Stopwatch.StartNew();
                IReadOnlyList<ReplaySample> samples;
                if (!parse.GetValue(json) && !Console.IsOutputRedirected)
                {
                    samples = await AnsiConsole.Progress()
                        .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
                        .StartAsync(async ctx =>
                        {
                            var task = ctx.AddTask($"replaying {lines.Count} prompts", maxValue: lines.Count);
                            return await runner.RunAsync(lines, new Progress<int>(d => task.Value = d), ct);
                        });
                }
                else
                {
                    var lastPrinted = 0L;
                    samples = await runner.RunAsync(lines, new Progress<int>(d =>
                    {
                        var now = watch.ElapsedMilliseconds;
                        if (now - Interlocked.Read(ref lastPrinted) > 5000)
                        {
                            Interlocked.Exchange(ref lastPrinted, now);
                            Console.Error.WriteLine($"bench: {d}/{lines.Count} sent, {d / Math.Max(watch.Elapsed.TotalSeconds, 0.001):0} req/s");
                        }
                    }), ct);
                }

                var report = ReplayReport.From(samples, watch.Elapsed.TotalSeconds);
                if (parse.GetValue(json))
                {
                    Console.WriteLine(JsonSerializer.Serialize(report, CliOutput.Json));
                }
                else
                {
                    Render(report);
                }

                return 0;
            }
            finally
            {
                if (local is not null)
                {
                    await local.StopAsync(CancellationToken.None);
                    await local.DisposeAsync();
                }

                if (tempData is not null)
                {
                    try
                    {
                        Directory.Delete(tempData, recursive: true);
                    }
                    catch (IOException)
                    {
                    }
                }
            }
        });
        return command;
    }

    private static void Render(ReplayReport r)
    {
        static string F(double? v) => v?.ToString("0.00", CultureInfo.InvariantCulture) ?? "-";
        AnsiConsole.MarkupLine("{0} requests in {1:0.0} s: {2:0.0} req/s; exact hits {3:P1}, semantic hits {4:P1}, errors {5}", r.Requests, r.Seconds, r.RequestsPerSecond, r.ExactHitRate, r.SemanticHitRate, r.Errors);
        var table = new Table().AddColumns("outcome", "count", "client p50 ms", "client p99 ms", "server p50 ms", "server p99 ms", "overhead p50 ms", "overhead p99 ms");
        foreach (var (name, s) in r.ByOutcome.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            table.AddRow(name, s.Count.ToString(CultureInfo.InvariantCulture), F(s.ClientP50Ms), F(s.ClientP99Ms), F(s.ServerP50Ms), F(s.ServerP99Ms), F(s.OverheadP50Ms), F(s.OverheadP99Ms));
        }

        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine("server = time inside semcache (Server-Timing total); overhead = server time minus the origin's own time (misses).");
    }
}
