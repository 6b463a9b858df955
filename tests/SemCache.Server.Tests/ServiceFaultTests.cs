using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SemCache.Server.Diagnostics;
using SemCache.Tests.Infrastructure;

namespace SemCache.Tests;

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ServiceFaultCollection
{
    public const string Name = "service faults (run alone: they stop the shared test servers)";
}

/// <summary>PostgreSQL or the S3 server goes away while a node runs: it keeps serving, says why, and recovers.</summary>
[Collection(ServiceFaultCollection.Name)]
public sealed class ServiceFaultTests : IAsyncLifetime
{
    private readonly TempDirectory _data = new();
    private readonly SharedBackend _backend = new();

    public Task InitializeAsync() => Task.WhenAll(ServiceControl.PostgresAsync("start"), ServiceControl.S3Async("start"));

    public async Task DisposeAsync()
    {
        // Whatever happened, leave both servers running for the next tests.
        await Task.WhenAll(ServiceControl.PostgresAsync("start"), ServiceControl.S3Async("start"));
        _data.Dispose();
    }

    private static string H(HttpResponseMessage r, string name) => r.Headers.TryGetValues(name, out var v) ? string.Join(",", v) : string.Empty;

    private static async Task<string> HealthAsync(CacheServer server) =>
        JsonDocument.Parse(await server.Client.GetStringAsync("/health")).RootElement.GetProperty("status").GetString()!;

    [Fact]
    public async Task Without_PostgreSQL_exact_hits_continue_the_semantic_tier_degrades_and_recovery_needs_no_restart()
    {
        await using var server = await CacheServer.StartAsync(_data.Path, configure: _backend.Apply);
        var miss = await server.GetAsync("/prompt/a%20red%20fox%20in%20the%20snow");
        Assert.True(await server.WaitUntilIndexedAsync(H(miss, "X-Cache-Key"), TimeSpan.FromSeconds(10)));

        await ServiceControl.PostgresAsync("stop");
        var exact = await server.GetAsync("/prompt/a%20red%20fox%20in%20the%20snow");
        Assert.Equal("EXACT", H(exact, "X-Cache-Type"));

        var paraphrase = await server.GetAsync("/prompt/A%20red%20fox%20in%20the%20snow.");
        Assert.Equal(HttpStatusCode.OK, paraphrase.StatusCode);
        Assert.Equal("MISS", H(paraphrase, "X-Cache"));
        Assert.Equal("index-unavailable", H(paraphrase, "X-Semantic-Reason"));
        Assert.Equal("degraded", await HealthAsync(server));

        await ServiceControl.PostgresAsync("start");
        var recovered = false;
        for (var i = 0; i < 60 && !recovered; i++)
        {
            var again = await server.GetAsync("/prompt/a%20red%20fox%20in%20the%20snow!");
            recovered = H(again, "X-Cache-Type") == "SEMANTIC";
            if (!recovered)
            {
                await Task.Delay(500);
            }
        }

        Assert.True(recovered, "the semantic tier did not recover after PostgreSQL came back");
        Assert.Equal("healthy", await HealthAsync(server));
    }

    [Fact]
    public async Task An_image_stored_while_PostgreSQL_is_down_is_indexed_by_itself_once_it_is_back()
    {
        await using var server = await CacheServer.StartAsync(
            _data.Path, configure: s => _backend.Apply(s) with { Indexing = s.Indexing with { RetryInterval = TimeSpan.FromSeconds(1) } });
        var counters = server.Services.GetRequiredService<CacheCounters>();

        await ServiceControl.PostgresAsync("stop");
        try
        {
            var miss = await server.GetAsync("/prompt/a%20lighthouse%20on%20a%20cliff%20at%20dusk");
            Assert.Equal(HttpStatusCode.OK, miss.StatusCode);
            for (var i = 0; i < 150 && counters.Snapshot().IndexFailed == 0; i++)
            {
                await Task.Delay(200); // stored in S3, then the index write fails in the background
            }

            Assert.True(counters.Snapshot().IndexFailed > 0, "the index write did not fail while PostgreSQL was stopped");
        }
        finally
        {
            await ServiceControl.PostgresAsync("start");
        }

        // No restart and no `semcache verify --repair`: the paraphrase becomes a semantic hit by itself. Asked through
        // /explain, which never calls the origin, so a miss meanwhile does not store the paraphrase under its own key.
        var hit = false;
        for (var i = 0; i < 60 && !hit; i++)
        {
            var explained = JsonDocument.Parse(await server.Client.GetStringAsync("/explain/A%20lighthouse%20on%20a%20cliff%20at%20dusk."));
            hit = explained.RootElement.GetProperty("decision").GetString() == "semantic-hit";
            if (!hit)
            {
                await Task.Delay(500);
            }
        }

        Assert.True(hit, "the entry stored during the outage was never indexed after PostgreSQL came back");
        var paraphrase = await server.GetAsync("/prompt/A%20lighthouse%20on%20a%20cliff%20at%20dusk.");
        Assert.Equal("SEMANTIC", H(paraphrase, "X-Cache-Type"));
        Assert.Equal(1, server.Origin.Calls);
    }

    [Fact]
    public async Task Metrics_keep_answering_without_PostgreSQL_and_say_in_the_log_why_partition_counts_are_missing()
    {
        await using var server = await CacheServer.StartAsync(_data.Path, configure: _backend.Apply);
        var miss = await server.GetAsync("/prompt/a%20windmill%20in%20a%20tulip%20field");
        Assert.True(await server.WaitUntilIndexedAsync(H(miss, "X-Cache-Key"), TimeSpan.FromSeconds(10)));
        Assert.True(await ScrapeUntilAsync(server, text => text.Contains("semcache_index_entries{", StringComparison.Ordinal)));

        await ServiceControl.PostgresAsync("stop");
        try
        {
            // The scrape that notices the failure still answers; the ones after it report no partitions.
            Assert.True(await ScrapeUntilAsync(server, text => !text.Contains("semcache_index_entries{", StringComparison.Ordinal)));
            Assert.Contains(server.Logs.Lines, l => l.Contains("partition counts for /metrics failed", StringComparison.Ordinal));
        }
        finally
        {
            await ServiceControl.PostgresAsync("start");
        }

        Assert.True(await ScrapeUntilAsync(server, text => text.Contains("semcache_index_entries{", StringComparison.Ordinal)));
    }

    /// <summary>Scrapes /metrics (each scrape reports the previous read) until <paramref name="done"/> holds.</summary>
    private static async Task<bool> ScrapeUntilAsync(CacheServer server, Func<string, bool> done)
    {
        for (var i = 0; i < 50; i++)
        {
            if (done(await server.Client.GetStringAsync("/metrics")))
            {
                return true;
            }

            await Task.Delay(200);
        }

        return false;
    }

    [Fact]
    public async Task Without_the_S3_server_misses_are_served_but_not_cached_and_caching_resumes()
    {
        await using var server = await CacheServer.StartAsync(_data.Path, configure: _backend.Apply);
        await ServiceControl.S3Async("stop");

        var first = await server.GetAsync("/prompt/a%20lantern%20in%20the%20fog");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("MISS", H(first, "X-Cache"));
        var counters = server.Services.GetRequiredService<CacheCounters>();
        for (var i = 0; i < 150 && counters.Snapshot().StoreFailed == 0; i++)
        {
            await Task.Delay(200); // the failed write happens in the background (after the SDK's own retries)
        }

        Assert.Equal(1, counters.Snapshot().StoreFailed);
        Assert.Equal("degraded", await HealthAsync(server));
        var second = await server.GetAsync("/prompt/a%20lantern%20in%20the%20fog");
        Assert.Equal("MISS", H(second, "X-Cache"));
        Assert.Equal(2, server.Origin.Calls);
        // Both lookups failed to read the store: the trace is logged once for the failing stretch, not per request.
        Assert.Single(server.Logs.Lines, l => l.StartsWith("Warning SemCache.Server.Pipeline.ExactTier Image store failed", StringComparison.Ordinal));
        Assert.Contains(server.Logs.Lines, l => l.StartsWith("Debug SemCache.Server.Pipeline.ExactTier Image store still failing", StringComparison.Ordinal));

        await ServiceControl.S3Async("start");
        var stored = false;
        for (var i = 0; i < 60 && !stored; i++)
        {
            await server.GetAsync("/prompt/a%20lantern%20in%20the%20fog");
            await Task.Delay(300);
            stored = H(await server.GetAsync("/prompt/a%20lantern%20in%20the%20fog"), "X-Cache-Type") == "EXACT";
        }

        Assert.True(stored, "caching did not resume after the S3 server came back");
    }
}
