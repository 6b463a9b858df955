using System.Net;
using SemCache.Matching;
using SemCache.Server.Hosting;
using SemCache.Tests.Infrastructure;

namespace SemCache.Tests.Review;

/// <summary>Shadow mode over HTTP: decisions are recorded, never served; serve mode samples its hits.</summary>
public sealed class ShadowModeTests : IDisposable
{
    private const string Fox = "/prompt/a%20red%20fox%20in%20the%20snow";
    private const string FoxVariant = "/prompt/A%20red%20fox%20in%20the%20snow.";
    private readonly TempDirectory _data = new();

    public void Dispose() => _data.Dispose();

    private static SemCacheSettings Shadow(SemCacheSettings s) => s with
    {
        Admin = new AdminSettings { Token = ReviewApi.Token },
        Semantic = s.Semantic with { Mode = SemanticModes.Shadow },
    };

    [Fact]
    public async Task Shadow_mode_answers_a_would_have_hit_from_the_origin_and_records_both_pictures()
    {
        await using var server = await CacheServer.StartAsync(_data.Path, configure: Shadow);
        var first = await server.GetAsync(Fox);
        var candidateKey = first.Headers.GetValues("X-Cache-Key").Single();
        Assert.True(await server.WaitUntilIndexedAsync(candidateKey, TimeSpan.FromSeconds(10)));

        var variant = await server.GetAsync(FoxVariant);
        Assert.Equal(HttpStatusCode.OK, variant.StatusCode);
        Assert.Equal("MISS", variant.Headers.GetValues("X-Cache").Single());
        Assert.False(variant.Headers.Contains("X-Cache-Type"));
        Assert.StartsWith("shadow: would have served " + candidateKey, variant.Headers.GetValues("X-Semantic-Reason").Single(), StringComparison.Ordinal);
        Assert.Equal(2, server.Origin.Calls);
        var variantBytes = await variant.Content.ReadAsByteArrayAsync();
        Assert.NotEqual(await first.Content.ReadAsByteArrayAsync(), variantBytes);

        var pair = Assert.Single(await ReviewApi.WaitForPairsAsync(server, 1));
        Assert.Equal("hit", pair.GetProperty("decision").GetString());
        Assert.Equal("shadow", pair.GetProperty("mode").GetString());
        Assert.Equal("A red fox in the snow.", pair.GetProperty("query").GetProperty("prompt").GetString());
        Assert.Equal("a red fox in the snow", pair.GetProperty("candidate").GetProperty("prompt").GetString());
        Assert.Equal(candidateKey, pair.GetProperty("candidate").GetProperty("key").GetString());
        Assert.True(pair.GetProperty("similarity").GetSingle() >= pair.GetProperty("threshold").GetSingle());
        Assert.NotEmpty(pair.GetProperty("checks").EnumerateArray());
        Assert.All(pair.GetProperty("checks").EnumerateArray(), c => Assert.True(c.GetProperty("passed").GetBoolean()));
        Assert.Equal(JsonValueKindNull, pair.GetProperty("label").ValueKind);

        // Both pictures exist: the origin's answer to the query, and the candidate's stored image.
        Assert.Equal(variantBytes, await ReviewApi.ImageAsync(server, pair.GetProperty("query").GetProperty("image").GetString()!));
        Assert.Equal(await first.Content.ReadAsByteArrayAsync(), await ReviewApi.ImageAsync(server, pair.GetProperty("candidate").GetProperty("image").GetString()!));

        // The variant's own image is stored: asked again, it is an exact hit, never the candidate's picture.
        Assert.True(await server.WaitUntilIndexedAsync(variant.Headers.GetValues("X-Cache-Key").Single(), TimeSpan.FromSeconds(10)));
        var again = await server.GetAsync(FoxVariant);
        Assert.Equal("EXACT", again.Headers.GetValues("X-Cache-Type").Single());
        Assert.Equal(variantBytes, await again.Content.ReadAsByteArrayAsync());

        // /explain says what this server does: a miss, naming the candidate it would have served.
        var explained = System.Text.Json.JsonDocument.Parse(await server.Client.GetStringAsync("/explain/A%20red%20fox%20in%20the%20snow%3F")).RootElement;
        Assert.Equal("miss", explained.GetProperty("decision").GetString());
        Assert.StartsWith("shadow: would have served", explained.GetProperty("reason").GetString(), StringComparison.Ordinal);

        var summary = await ReviewApi.SummaryAsync(server);
        // Two exact-tier misses were judged (the first had no candidate yet); one would have been a semantic hit.
        Assert.Equal(2, summary.GetProperty("shadow_lookups").GetInt64());
        Assert.Equal(1, summary.GetProperty("shadow_would_hits").GetInt64());
        Assert.Equal(0.5, summary.GetProperty("would_hit_rate").GetDouble());
        var metrics = await server.Client.GetStringAsync("/metrics");
        Assert.Contains("semcache_shadow_would_hits", metrics, StringComparison.Ordinal);
        Assert.Contains("semcache_review_false_hit_rate", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Eviction_takes_the_pairs_of_the_entries_it_removes()
    {
        await using var server = await CacheServer.StartAsync(_data.Path, configure: s => Shadow(s) with
        {
            Eviction = new SemCache.Server.Maintenance.EvictionSettings { MaxEntries = 1, Interval = TimeSpan.FromHours(1) },
        });
        var first = await server.GetAsync(Fox);
        Assert.True(await server.WaitUntilIndexedAsync(first.Headers.GetValues("X-Cache-Key").Single(), TimeSpan.FromSeconds(10)));
        var variant = await server.GetAsync(FoxVariant);
        Assert.True(await server.WaitUntilIndexedAsync(variant.Headers.GetValues("X-Cache-Key").Single(), TimeSpan.FromSeconds(10)));
        Assert.Single(await ReviewApi.WaitForPairsAsync(server, 1));

        var evictor = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<SemCache.Server.Maintenance.CacheEvictor>(server.Services);
        var result = await evictor.RunOnceAsync(CancellationToken.None);
        Assert.Equal(1, result.Evicted);
        Assert.Empty(await ReviewApi.PairsAsync(server));
    }

    [Fact]
    public async Task Private_requests_are_never_recorded_in_shadow_mode()
    {
        await using var server = await CacheServer.StartAsync(_data.Path, configure: Shadow);
        var first = await server.GetAsync(Fox);
        Assert.True(await server.WaitUntilIndexedAsync(first.Headers.GetValues("X-Cache-Key").Single(), TimeSpan.FromSeconds(10)));
        var secret = await server.GetAsync(FoxVariant + "?private=true");
        Assert.Equal("BYPASS", secret.Headers.GetValues("X-Cache").Single());

        // A recorded request after it: once its pair is listed, the private one would have been too.
        var other = await server.GetAsync("/prompt/a%20red%20fox%20in%20the%20snow%21");
        Assert.Equal("MISS", other.Headers.GetValues("X-Cache").Single());
        var pairs = await ReviewApi.WaitForPairsAsync(server, 1);
        var pair = Assert.Single(pairs);
        Assert.Equal("a red fox in the snow!", pair.GetProperty("query").GetProperty("prompt").GetString());
    }

    [Fact]
    public async Task Serve_mode_records_a_sample_of_served_hits()
    {
        await using var server = await CacheServer.StartAsync(_data.Path, configure: s => s with
        {
            Admin = new AdminSettings { Token = ReviewApi.Token },
            Review = new ReviewSettings { ServeSampleRate = 1 },
        });
        var first = await server.GetAsync(Fox);
        Assert.True(await server.WaitUntilIndexedAsync(first.Headers.GetValues("X-Cache-Key").Single(), TimeSpan.FromSeconds(10)));
        var hit = await server.GetAsync(FoxVariant);
        Assert.Equal("SEMANTIC", hit.Headers.GetValues("X-Cache-Type").Single());
        var pair = Assert.Single(await ReviewApi.WaitForPairsAsync(server, 1));
        Assert.Equal("serve", pair.GetProperty("mode").GetString());
        Assert.Equal("hit", pair.GetProperty("decision").GetString());
    }

    [Fact]
    public async Task Off_mode_never_searches_but_still_stores_and_indexes()
    {
        await using var server = await CacheServer.StartAsync(_data.Path, configure: s => s with { Semantic = s.Semantic with { Mode = SemanticModes.Off } });
        var first = await server.GetAsync(Fox);
        Assert.True(await server.WaitUntilIndexedAsync(first.Headers.GetValues("X-Cache-Key").Single(), TimeSpan.FromSeconds(10)));
        var variant = await server.GetAsync(FoxVariant);
        Assert.Equal("MISS", variant.Headers.GetValues("X-Cache").Single());
        Assert.Equal("semantic-off", variant.Headers.GetValues("X-Semantic-Reason").Single());
    }

    [Fact]
    public async Task Reviewing_needs_the_admin_token()
    {
        await using (var open = await CacheServer.StartAsync(_data.Path))
        {
            Assert.Equal(HttpStatusCode.NotFound, (await open.Client.SendAsync(ReviewApi.Request(HttpMethod.Get, "/dashboard/review/pairs", null))).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await open.Client.GetAsync("/dashboard/review")).StatusCode);
        }

        await using var server = await CacheServer.StartAsync(_data.Path, configure: Shadow);
        var denied = await server.Client.SendAsync(ReviewApi.Request(HttpMethod.Get, "/dashboard/review/pairs", "wrong-token-wrong-token-wrong"));
        Assert.Equal(HttpStatusCode.Unauthorized, denied.StatusCode);
        Assert.Equal("application/problem+json", denied.Content.Headers.ContentType?.MediaType);
        var label = await ReviewApi.LabelAsync(server, "0123456789abcdef0123456789abcdef", acceptable: true, reviewer: null);
        Assert.Equal(HttpStatusCode.NotFound, label.StatusCode);
        var bad = await server.Client.SendAsync(ReviewApi.Request(HttpMethod.Get, "/dashboard/review/pairs?min=high"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("application/problem+json", bad.Content.Headers.ContentType?.MediaType);
    }

    private const System.Text.Json.JsonValueKind JsonValueKindNull = System.Text.Json.JsonValueKind.Null;
}
