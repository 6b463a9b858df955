using System.Diagnostics;
using System.Globalization;

namespace SemCache.Cli.Bench;

/// <summary>Sends prompts through a running semcache with a fixed number of concurrent clients.</summary>
public sealed class ReplayRunner(HttpClient client, int concurrency)
{
    public async Task<IReadOnlyList<ReplaySample>> RunAsync(IReadOnlyList<string> prompts, IProgress<int> progress, CancellationToken cancellationToken)
    {
        var samples = new ReplaySample[prompts.Count];
        var next = -1;
        var done = 0;
        var workers = Enumerable.Range(0, concurrency).Select(async _ =>
        {
            while (true)
            {
                var i = Interlocked.Increment(ref next);
                if (i >= prompts.Count || cancellationToken.IsCancellationRequested)
                {
                    return;
                }

                samples[i] = await SendAsync(prompts[i], cancellationToken);
                progress.Report(Interlocked.Increment(ref done));
            }
        });
        await Task.WhenAll(workers);
        return samples.Where(s => s is not null).ToList();
    }

    private async Task<ReplaySample> SendAsync(string prompt, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var response = await client.GetAsync("/prompt/" + Uri.EscapeDataString(prompt), HttpCompletionOption.ResponseContentRead, cancellationToken);
            var clientMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            var outcome = !response.IsSuccessStatusCode ? "error"
                : Header(response, "X-Cache-Type") switch
                {
                    "EXACT" => "exact",
                    "SEMANTIC" => "semantic",
                    _ => "miss",
                };
            var (server, origin) = ParseServerTiming(Header(response, "Server-Timing"));
            return new ReplaySample(outcome, (int)response.StatusCode, clientMs, server, origin);
        }
        catch (HttpRequestException)
        {
            return new ReplaySample("error", 599, Stopwatch.GetElapsedTime(started).TotalMilliseconds, null, null);
        }
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    internal static (double? Total, double? Origin) ParseServerTiming(string? header)
    {
        double? total = null, origin = null;
        foreach (var metric in (header ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = metric.Split(';', StringSplitOptions.TrimEntries);
            var dur = parts.Skip(1).FirstOrDefault(p => p.StartsWith("dur=", StringComparison.Ordinal));
            if (dur is null || !double.TryParse(dur[4..], NumberStyles.Float, CultureInfo.InvariantCulture, out var ms))
            {
                continue;
            }

            if (parts[0] == "total")
            {
                total = ms;
            }
            else if (parts[0] == "origin")
            {
                origin = ms;
            }
        }

        return (total, origin);
    }
}
