using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SemCache.Matching;

namespace SemCache.Server.Pipeline;

/// <summary>
/// Loads the matcher's word data (WordNet, the es/fr/de bridge) on a background thread at start, so the first
/// request in each language does not wait for it. Start-up itself does not wait either; a request that comes first
/// simply loads what it needs, as before.
/// </summary>
public sealed class MatcherWarmup(SemanticDecider decider, ILogger<MatcherWarmup> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.Run(() =>
    {
        var watch = Stopwatch.StartNew();
        try
        {
            decider.Warm();
            logger.LogInformation("Matcher word data loaded in {Milliseconds} ms", watch.ElapsedMilliseconds);
        }
        catch (Exception ex) when (ex is InvalidOperationException or InvalidDataException or IOException)
        {
            // A broken build (a missing resource) fails the first lookup loudly as well; here it is only reported.
            logger.LogError(ex, "Loading the matcher's word data failed");
        }
    }, stoppingToken);
}
