using System.Globalization;
using System.Net;
using System.Text;
using SemCache.Core.Origin;
using SemCache.Matching;
using SemCache.Server.Hosting;
using SemCache.Tests.Infrastructure;
using static SemCache.Tests.Resilience.CacheState;

namespace SemCache.Tests.Resilience;

/// <summary>
/// Degraded mode: while the origin is unavailable, a cached image above the lower fallback threshold that passes
/// every guard is served as SEMANTIC-FALLBACK; otherwise the client gets the 502/504 problem at once.
/// </summary>
public sealed class DegradedModeTests : IDisposable
{
    private const string Stored = "/prompt/a%20man%20on%20a%20motorcycle";

    // Default (int8) MiniLM similarity to Stored 0.727: below the 0.795 threshold, above the 0.70 fallback, every
    // guard passes. ("a guy on a motorbike", ~0.78 with fp32, is 0.794 with int8: too close to the threshold.)
    private const string Close = "/prompt/one%20man%20on%20a%20motorbike";

    private const string GuardStored = "/prompt/a%20woman%20with%20a%20smartphone";

    // ~0.755 to GuardStored, but the content guard rejects it (holding vs with): never a fallback either.
    private const string GuardQuery = "/prompt/a%20lady%20holding%20a%20phone";

    private readonly TempDirectory _data = new();
    private OriginResponse? _failure;

    public void Dispose() => _data.Dispose();

    private static SemCacheSettings WithFallback(SemCacheSettings s) => s with { Fallback = new FallbackSettings { Enabled = true } };

    // The fallback is for close candidates the semantic tier does not serve. With the shipped word knowledge
    // ("motorbike" ~ "motorcycle" lets a candidate down to AlignedThreshold through) and the verifier, this close pair
    // would be a plain semantic hit, so these tests hold the tier to its threshold and guards alone.
    private static SemCacheSettings GuardsAtThreshold(SemCacheSettings s) =>
        s with { Semantic = s.Semantic with { AlignedThreshold = s.Semantic.Threshold, VerifierEnabled = false } };

    private Task<CacheServer> StartAsync(Func<SemCacheSettings, SemCacheSettings>? configure = null) =>
        CacheServer.StartAsync(_data.Path, new ScriptedOrigin(r => _failure ?? new OriginResponse(200, "image/png", TestPng.For(r.Prompt), TimeSpan.FromMilliseconds(5))), s => GuardsAtThreshold(configure is null ? s : configure(s)));

    private static async Task<byte[]> StoreAsync(CacheServer server, string path)
    {
        var response = await server.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(await server.WaitUntilIndexedAsync(Header(response, "X-Cache-Key"), TimeSpan.FromSeconds(10)));
        return await response.Content.ReadAsByteArrayAsync();
    }

    private static OriginResponse Failure(string kind) => kind switch
    {
        "timeout" => OriginResponse.Failed(OriginFailure.Timeout, TimeSpan.FromMilliseconds(300), "no complete answer within 300 ms"),
        "connect" => OriginResponse.Failed(OriginFailure.ConnectFailed, TimeSpan.FromMilliseconds(2), "ConnectionError"),
        "breaker" => OriginResponse.Failed(OriginFailure.CircuitOpen, TimeSpan.Zero, "the origin failed repeatedly; calls are paused"),
        "truncated" => OriginResponse.Failed(OriginFailure.Truncated, TimeSpan.FromMilliseconds(9), "body shorter than its Content-Length"),
        "503" => new OriginResponse(503, "text/plain", Encoding.UTF8.GetBytes("overloaded"), TimeSpan.FromMilliseconds(3)),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    [Fact]
    public async Task Off_by_default_an_unavailable_origin_is_a_504_problem_even_with_a_close_candidate()
    {
        await using var server = await StartAsync();
        await StoreAsync(server, Stored);
        _failure = Failure("timeout");
        var response = await server.GetAsync(Close);
        AssertGatewayProblem(response, HttpStatusCode.GatewayTimeout);
        Assert.Equal("MISS", Header(response, "X-Cache"));
        Assert.NotEqual(string.Empty, Header(response, "X-Semantic-Best-Similarity"));
    }

    [Theory]
    [InlineData("timeout")]
    [InlineData("connect")]
    [InlineData("breaker")]
    [InlineData("truncated")]
    [InlineData("503")]
    public async Task When_enabled_an_unavailable_origin_serves_the_close_candidate_marked_as_fallback_without_an_alias(string kind)
    {
        await using var server = await StartAsync(WithFallback);
        var original = await StoreAsync(server, Stored);
        _failure = Failure(kind);

        var fallback = await server.GetAsync(Close);
        Assert.Equal(HttpStatusCode.OK, fallback.StatusCode);
        Assert.Equal("HIT", Header(fallback, "X-Cache"));
        Assert.Equal("SEMANTIC-FALLBACK", Header(fallback, "X-Cache-Type"));
        var similarity = float.Parse(Header(fallback, "X-Semantic-Similarity"), CultureInfo.InvariantCulture);
        Assert.InRange(similarity, 0.70f, MatchOptions.MiniLmDefaultThreshold);
        Assert.Equal("0.7000", Header(fallback, "X-Semantic-Threshold"));
        Assert.StartsWith("origin-", Header(fallback, "X-Semantic-Reason"), StringComparison.Ordinal);
        Assert.True(fallback.Headers.CacheControl?.NoStore, "a stand-in must not be kept by shared caches");
        Assert.Equal(original, await fallback.Content.ReadAsByteArrayAsync());
        Assert.Equal(2, server.Origin.Calls);

        // No alias was written: once the origin is back, the same request gets its own image.
        _failure = null;
        var recovered = await server.GetAsync(Close);
        Assert.Equal("MISS", Header(recovered, "X-Cache"));
        Assert.Equal(TestPng.For("one man on a motorbike"), await recovered.Content.ReadAsByteArrayAsync());
        Assert.Equal(3, server.Origin.Calls);
        Assert.True(await DrainAsync(server.Services, TimeSpan.FromSeconds(10)));
        var entries = await EntriesAsync(server.Services);
        Assert.Equal(2, entries.Count);
        Assert.All(entries, e => Assert.Null(e.AliasOf));
    }

    [Theory]
    [InlineData("timeout", HttpStatusCode.GatewayTimeout)]
    [InlineData("503", HttpStatusCode.BadGateway)]
    public async Task When_enabled_an_unrelated_or_guard_rejected_candidate_is_never_a_fallback(string kind, HttpStatusCode expected)
    {
        await using var server = await StartAsync(WithFallback);
        await StoreAsync(server, Stored);
        await StoreAsync(server, GuardStored);
        _failure = Failure(kind);

        var unrelated = await server.GetAsync("/prompt/a%20bowl%20of%20ramen");
        AssertGatewayProblem(unrelated, expected);
        Assert.Equal("MISS", Header(unrelated, "X-Cache"));

        var rejected = await server.GetAsync(GuardQuery);
        AssertGatewayProblem(rejected, expected);
        Assert.InRange(float.Parse(Header(rejected, "X-Semantic-Best-Similarity"), CultureInfo.InvariantCulture), 0.70f, MatchOptions.MiniLmDefaultThreshold);
    }

    [Fact]
    public async Task When_enabled_a_4xx_or_a_non_image_from_a_working_origin_is_passed_on_not_papered_over()
    {
        await using var server = await StartAsync(WithFallback);
        await StoreAsync(server, Stored);

        _failure = new OriginResponse(401, "text/plain", Encoding.UTF8.GetBytes("token required"), TimeSpan.FromMilliseconds(2));
        var refused = await server.GetAsync(Close);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("MISS", Header(refused, "X-Cache"));

        _failure = new OriginResponse(200, "text/html", Encoding.UTF8.GetBytes("<html>busy</html>"), TimeSpan.FromMilliseconds(2));
        AssertGatewayProblem(await server.GetAsync(Close), HttpStatusCode.BadGateway);
    }

    [Fact]
    public async Task Over_real_http_a_hanging_origin_is_a_504_problem_and_with_fallback_enabled_the_close_candidate()
    {
        await using var fake = await FakeOrigin.StartAsync(OriginFaults.Image);
        var settings = GuardsAtThreshold(ConfiguredServer.SettingsFor(_data.Path, fake.Url));
        await using (var server = await ConfiguredServer.StartAsync(settings))
        {
            var stored = await server.GetAsync(Stored);
            Assert.Equal(HttpStatusCode.OK, stored.StatusCode);
            Assert.True(await DrainAsync(server.Services, TimeSpan.FromSeconds(10)));

            fake.Behaviour = OriginFaults.Hang;
            var timedOut = await server.GetAsync(Close);
            AssertGatewayProblem(timedOut, HttpStatusCode.GatewayTimeout);
        }

        // Same data directory, degraded mode on: the candidate comes from the persisted index.
        await using var degraded = await ConfiguredServer.StartAsync(WithFallback(settings));
        var callsBefore = fake.Calls;
        var fallback = await degraded.GetAsync(Close);
        Assert.Equal(HttpStatusCode.OK, fallback.StatusCode);
        Assert.Equal("SEMANTIC-FALLBACK", Header(fallback, "X-Cache-Type"));
        Assert.Equal("origin-timeout", Header(fallback, "X-Semantic-Reason"));
        Assert.Equal(TestPng.For("a man on a motorcycle"), await fallback.Content.ReadAsByteArrayAsync());
        Assert.Equal(callsBefore + 1, fake.Calls);
    }

    [Fact]
    public async Task With_the_breaker_open_the_fallback_is_served_without_calling_the_origin()
    {
        await using var fake = await FakeOrigin.StartAsync(OriginFaults.Image);
        var settings = WithFallback(GuardsAtThreshold(ConfiguredServer.SettingsFor(_data.Path, fake.Url)));
        settings = settings with { OriginHttp = settings.OriginHttp with { BreakerMinimumThroughput = 2, BreakerFailureRatio = 0.5 } };
        await using var server = await ConfiguredServer.StartAsync(settings);
        Assert.Equal(HttpStatusCode.OK, (await server.GetAsync(Stored)).StatusCode);
        Assert.True(await DrainAsync(server.Services, TimeSpan.FromSeconds(10)));

        fake.Behaviour = OriginFaults.Status(500);
        var opened = false;
        for (var i = 0; i < 10 && !opened; i++)
        {
            var failed = await server.GetAsync($"/prompt/a%20failing%20request%20number%20{i}");
            AssertGatewayProblem(failed, HttpStatusCode.BadGateway);
            opened = (await failed.Content.ReadAsStringAsync()).Contains("calls are paused", StringComparison.Ordinal);
        }

        Assert.True(opened, "the breaker never opened");
        var calls = fake.Calls;
        var fallback = await server.GetAsync(Close);
        Assert.Equal("SEMANTIC-FALLBACK", Header(fallback, "X-Cache-Type"));
        Assert.Equal("origin-circuitopen", Header(fallback, "X-Semantic-Reason"));
        Assert.Equal(calls, fake.Calls);
    }

    [Fact]
    public void The_fallback_threshold_may_not_exceed_the_main_threshold_when_enabled()
    {
        var tooHigh = new SemCacheSettings { Fallback = new FallbackSettings { Enabled = true, Threshold = 0.9f } };
        Assert.Contains(tooHigh.Validate(), e => e.StartsWith("Fallback:Threshold", StringComparison.Ordinal));
        Assert.Throws<InvalidOperationException>(() => SemCacheServer.Build(tooHigh with { Data = _data.Path, Port = 0 }));
        Assert.DoesNotContain(new SemCacheSettings { Fallback = new FallbackSettings { Threshold = 0.9f } }.Validate(), e => e.StartsWith("Fallback", StringComparison.Ordinal));
        Assert.DoesNotContain(new SemCacheSettings { Fallback = new FallbackSettings { Enabled = true } }.Validate(), e => e.StartsWith("Fallback", StringComparison.Ordinal));
    }
}
