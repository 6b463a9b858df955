using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SemCache.Core.Origin;
using SemCache.Core.Storage;
using SemCache.Server.Hosting;
using SemCache.Tests.Infrastructure;
using SemCache.Tests.Resilience;

namespace SemCache.Tests;

/// <summary>What an operator sees: health, explain and metrics.</summary>
public sealed class ObservabilityTests : IDisposable
{
    private readonly TempDirectory _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task Health_answers_200_healthy_when_ready()
    {
        await using var server = await CacheServer.StartAsync(_data.Path);
        var response = await server.Client.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("healthy", doc.RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Explain_reports_candidates_and_decision_without_calling_the_origin()
    {
        await using var server = await CacheServer.StartAsync(_data.Path);
        var first = await server.GetAsync("/prompt/a%20red%20fox%20in%20the%20snow");
        Assert.True(await server.WaitUntilIndexedAsync(first.Headers.GetValues("X-Cache-Key").Single(), TimeSpan.FromSeconds(10)));

        var explained = await server.Client.GetStringAsync("/explain/A%20red%20fox%20in%20the%20snow.");
        using var doc = JsonDocument.Parse(explained);
        var root = doc.RootElement;
        Assert.Equal("semantic-hit", root.GetProperty("decision").GetString());
        Assert.False(root.GetProperty("exact_hit").GetBoolean());
        Assert.Equal(64, root.GetProperty("key").GetString()!.Length);
        Assert.Equal("en", root.GetProperty("language").GetString());
        var candidate = root.GetProperty("candidates")[0];
        Assert.Equal("a red fox in the snow", candidate.GetProperty("prompt").GetString());
        Assert.True(candidate.GetProperty("served").GetBoolean());
        Assert.True(root.GetProperty("threshold").GetSingle() > 0);

        var exact = JsonDocument.Parse(await server.Client.GetStringAsync("/explain/a%20red%20fox%20in%20the%20snow")).RootElement;
        Assert.Equal("exact-hit", exact.GetProperty("decision").GetString());

        var otherSize = JsonDocument.Parse(await server.Client.GetStringAsync("/explain/a%20red%20fox%20in%20the%20snow?width=512")).RootElement;
        Assert.Equal("miss", otherSize.GetProperty("decision").GetString());
        Assert.Equal(0, otherSize.GetProperty("candidates").GetArrayLength());
        Assert.Equal(1, server.Origin.Calls);
    }

    [Fact]
    public async Task Explain_shows_the_verifier_score_and_cut_off_when_the_verifier_decides()
    {
        await using var server = await CacheServer.StartAsync(
            _data.Path, configure: s => s with { Semantic = s.Semantic with { VerifierEnabled = true } });
        var first = await server.GetAsync("/prompt/A%20dog%20is%20laying%20down%20with%20the%20remote%20control.");
        Assert.True(await server.WaitUntilIndexedAsync(first.Headers.GetValues("X-Cache-Key").Single(), TimeSpan.FromSeconds(10)));

        // "controller" / "control": the content guard rejects it, the verifier vouches for it.
        var root = JsonDocument.Parse(await server.Client.GetStringAsync("/explain/a%20dog%20is%20laying%20with%20a%20remote%20controller")).RootElement;
        Assert.Equal("semantic-hit", root.GetProperty("decision").GetString());
        Assert.Contains("verifier", root.GetProperty("reason").GetString());
        var cutoff = root.GetProperty("verifier_cutoff").GetSingle();
        var candidate = root.GetProperty("candidates")[0];
        Assert.True(candidate.GetProperty("verifier_score").GetSingle() >= cutoff);

        // A changed colour is vetoed before the verifier: no score.
        var vetoed = JsonDocument.Parse(await server.Client.GetStringAsync("/explain/a%20black%20dog%20is%20laying%20down%20with%20the%20remote%20control")).RootElement;
        Assert.Equal("miss", vetoed.GetProperty("decision").GetString());
        Assert.Equal(JsonValueKind.Null, vetoed.GetProperty("candidates")[0].GetProperty("verifier_score").ValueKind);
    }

    [Fact]
    public async Task Hits_are_counted_in_the_entry_metadata()
    {
        string key;
        await using (var server = await CacheServer.StartAsync(_data.Path))
        {
            key = (await server.GetAsync("/prompt/a%20paper%20boat")).Headers.GetValues("X-Cache-Key").Single();
            await Task.Delay(300);
            await server.GetAsync("/prompt/a%20paper%20boat");
            await server.GetAsync("/prompt/a%20paper%20boat");
        }

        // Stopping the server flushes the counts of the last interval.
        var entry = await new SemCache.Storage.Files.FileImageStore(Path.Combine(_data.Path, "images")).GetEntryAsync(key);
        Assert.NotNull(entry);
        Assert.Equal(2, entry!.HitCount);
        Assert.NotNull(entry.LastHit);
    }

    [Fact]
    public async Task Origin_time_saved_counts_semantic_hits_and_their_aliases()
    {
        // Every generation "takes" 2.5 s, so each hit that serves a stored image saves exactly that.
        var origin = new ScriptedOrigin(r => new OriginResponse(200, "image/png", TestPng.For(r.Prompt), TimeSpan.FromMilliseconds(2500)));
        await using var server = await CacheServer.StartAsync(_data.Path, origin, s => s with { Admin = new AdminSettings { Token = "saved-test-token" } });
        var miss = await server.GetAsync("/prompt/a%20red%20fox%20in%20the%20snow");
        Assert.True(await server.WaitUntilIndexedAsync(miss.Headers.GetValues("X-Cache-Key").Single(), TimeSpan.FromSeconds(10)));
        Assert.Equal(0, await SavedSecondsAsync(server));

        var semantic = await server.GetAsync("/prompt/A%20red%20fox%20in%20the%20snow.");
        Assert.Equal("SEMANTIC", semantic.Headers.GetValues("X-Cache-Type").Single());
        Assert.Equal(2.5, await SavedSecondsAsync(server), 3);

        // The alias written on the semantic hit carries the same generation time to its exact hits.
        var aliasKey = semantic.Headers.GetValues("X-Cache-Key").Single();
        var store = server.Services.GetRequiredService<IImageStore>();
        for (var i = 0; i < 50 && await store.GetEntryAsync(aliasKey) is null; i++)
        {
            await Task.Delay(100);
        }

        var exact = await server.GetAsync("/prompt/A%20red%20fox%20in%20the%20snow.");
        Assert.Equal("EXACT", exact.Headers.GetValues("X-Cache-Type").Single());
        Assert.Equal(5.0, await SavedSecondsAsync(server), 3);
        Assert.Equal(1, server.Origin.Calls);
    }

    private static async Task<double> SavedSecondsAsync(CacheServer server)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/admin/stats");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "saved-test-token");
        using var response = await server.Client.SendAsync(request);
        response.EnsureSuccessStatusCode();
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return doc.RootElement.GetProperty("origin_seconds_saved").GetDouble();
    }

    [Fact]
    public async Task Metrics_count_this_hosts_requests_only_and_go_on_after_another_host_in_the_process_stops()
    {
        using var otherData = new TempDirectory();
        await using var server = await CacheServer.StartAsync(_data.Path);
        var other = await CacheServer.StartAsync(otherData.Path);
        for (var i = 0; i < 3; i++)
        {
            await other.GetAsync("/prompt/a%20cat%20asleep%20on%20a%20sofa");
        }

        await server.GetAsync("/prompt/a%20tiny%20robot");
        await other.DisposeAsync();
        await server.GetAsync("/prompt/a%20tiny%20robot");

        var text = string.Empty;
        for (var i = 0; i < 50 && RequestCount(text, "ExactHit") is null; i++)
        {
            await Task.Delay(100); // the exporter caches a scrape briefly
            text = await server.Client.GetStringAsync("/metrics");
        }

        // The other host's 1 miss and 2 exact hits are not ours, and our series outlive its meters.
        Assert.Equal(1, RequestCount(text, "Miss"));
        Assert.Equal(1, RequestCount(text, "ExactHit"));
    }

    private static long? RequestCount(string metrics, string outcome)
    {
        var match = System.Text.RegularExpressions.Regex.Match(
            metrics, "^semcache_requests_total\\{[^}]*outcome=\"" + outcome + "\"[^}]*\\} (\\d+)", System.Text.RegularExpressions.RegexOptions.Multiline);
        return match.Success ? long.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : null;
    }

    [Fact]
    public async Task Metrics_are_exported_in_prometheus_format()
    {
        await using var server = await CacheServer.StartAsync(_data.Path);
        await server.GetAsync("/prompt/a%20tiny%20robot");
        await server.GetAsync("/prompt/a%20tiny%20robot");
        string text = string.Empty;
        for (var i = 0; i < 50 && !text.Contains("ExactHit", StringComparison.Ordinal); i++)
        {
            await Task.Delay(100); // the exporter caches a scrape briefly
            text = await server.Client.GetStringAsync("/metrics");
        }

        Assert.Contains("semcache_requests_total", text, StringComparison.Ordinal);
        Assert.Contains("outcome=\"ExactHit\"", text, StringComparison.Ordinal);
        Assert.Contains("outcome=\"Miss\"", text, StringComparison.Ordinal);
        Assert.Contains("semcache_request_duration", text, StringComparison.Ordinal);
        Assert.Contains("semcache_embedding_duration", text, StringComparison.Ordinal);
        Assert.Contains("semcache_index_search_duration", text, StringComparison.Ordinal);
        Assert.Contains("semcache_origin_duration", text, StringComparison.Ordinal);
        Assert.Contains("result=\"200\"", text, StringComparison.Ordinal);
    }
}
