using System.Net;
using SemCache.Matching;
using SemCache.Server.Hosting;
using SemCache.Tests.Infrastructure;

namespace SemCache.Tests.Review;

/// <summary>Labels are stored with the index: they survive a restart, and pairs leave with a purged entry.</summary>
public abstract class LabelPersistenceContract : IDisposable
{
    private readonly TempDirectory _data = new();

    public void Dispose()
    {
        _data.Dispose();
        GC.SuppressFinalize(this);
    }

    protected abstract SemCacheSettings Backend(SemCacheSettings settings);

    private Task<CacheServer> StartAsync() => CacheServer.StartAsync(_data.Path, configure: s => Backend(s) with
    {
        Admin = new AdminSettings { Token = ReviewApi.Token },
        Semantic = s.Semantic with { Mode = SemanticModes.Shadow },
    });

    private static async Task<string> RecordFoxPairAsync(CacheServer server)
    {
        var first = await server.GetAsync("/prompt/a%20red%20fox%20in%20the%20snow");
        Assert.True(await server.WaitUntilIndexedAsync(first.Headers.GetValues("X-Cache-Key").Single(), TimeSpan.FromSeconds(10)));
        await server.GetAsync("/prompt/A%20red%20fox%20in%20the%20snow.");
        var pair = Assert.Single(await ReviewApi.WaitForPairsAsync(server, 1));
        return pair.GetProperty("id").GetString()!;
    }

    [Fact]
    public async Task A_label_survives_a_restart_with_its_reviewer_and_counts_as_a_false_hit()
    {
        string id;
        await using (var server = await StartAsync())
        {
            id = await RecordFoxPairAsync(server);
            var labelled = await ReviewApi.LabelAsync(server, id, acceptable: false, reviewer: "alice");
            Assert.Equal(HttpStatusCode.OK, labelled.StatusCode);
        }

        await using (var restarted = await StartAsync())
        {
            var pair = Assert.Single(await ReviewApi.PairsAsync(restarted, "labelled=true"));
            Assert.Equal(id, pair.GetProperty("id").GetString());
            var label = pair.GetProperty("label");
            Assert.False(label.GetProperty("acceptable").GetBoolean());
            Assert.Equal("alice", label.GetProperty("reviewer").GetString());
            Assert.Empty(await ReviewApi.PairsAsync(restarted, "labelled=false"));

            var summary = await ReviewApi.SummaryAsync(restarted);
            Assert.Equal(1, summary.GetProperty("labelled_hits").GetInt64());
            Assert.Equal(1, summary.GetProperty("false_hits").GetInt64());
            Assert.Equal(1.0, summary.GetProperty("false_hit_rate").GetDouble());
            Assert.InRange(summary.GetProperty("interval_low").GetDouble(), 0.2, 0.21); // Wilson, 1 of 1: [0.2065, 1]

            // Relabelling replaces the label; the default reviewer is "admin".
            Assert.Equal(HttpStatusCode.OK, (await ReviewApi.LabelAsync(restarted, id, acceptable: true, reviewer: null)).StatusCode);
            var relabelled = Assert.Single(await ReviewApi.PairsAsync(restarted, "labelled=true")).GetProperty("label");
            Assert.True(relabelled.GetProperty("acceptable").GetBoolean());
            Assert.Equal("admin", relabelled.GetProperty("reviewer").GetString());
        }
    }

    [Fact]
    public async Task Purging_an_entry_removes_the_pairs_that_show_it()
    {
        await using var server = await StartAsync();
        var id = await RecordFoxPairAsync(server);
        var pair = Assert.Single(await ReviewApi.PairsAsync(server));
        var candidate = pair.GetProperty("candidate").GetProperty("key").GetString();
        Assert.Equal(HttpStatusCode.OK, (await ReviewApi.LabelAsync(server, id, acceptable: true, reviewer: "bob")).StatusCode);

        var purge = await server.Client.SendAsync(ReviewApi.Request(HttpMethod.Post, "/admin/purge?key=" + candidate));
        Assert.Equal(HttpStatusCode.OK, purge.StatusCode);
        Assert.Empty(await ReviewApi.PairsAsync(server));
        Assert.Equal(0, (await ReviewApi.SummaryAsync(server)).GetProperty("labelled").GetInt64());
    }
}

public sealed class EmbeddedLabelPersistenceTests : LabelPersistenceContract
{
    protected override SemCacheSettings Backend(SemCacheSettings settings) => settings;
}

public sealed class PostgresLabelPersistenceTests : LabelPersistenceContract
{
    private readonly SharedBackend _backend = new();

    protected override SemCacheSettings Backend(SemCacheSettings settings) => _backend.Apply(settings);
}
