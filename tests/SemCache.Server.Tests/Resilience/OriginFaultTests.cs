using System.Net;
using System.Text.Json;
using SemCache.Server.Hosting;
using SemCache.Tests.Infrastructure;
using Xunit.Abstractions;
using static SemCache.Tests.Resilience.CacheState;

namespace SemCache.Tests.Resilience;

/// <summary>
/// The shipped HTTP origin (configured by URL, with its timeouts, retries and breaker) in front of a fake origin that
/// misbehaves in each way a real one does. The cache answers 200 or a 502/504 problem, never another 5xx, and stores
/// nothing it should not.
/// </summary>
public sealed class OriginFaultTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempDirectory _data = new();

    public void Dispose() => _data.Dispose();

    private async Task<(FakeOrigin Fake, ConfiguredServer Server)> StartAsync(Func<Microsoft.AspNetCore.Http.HttpContext, int, Task> behaviour, Func<SemCacheSettings, SemCacheSettings>? configure = null)
    {
        var fake = await FakeOrigin.StartAsync(behaviour);
        var settings = ConfiguredServer.SettingsFor(_data.Path, fake.Url);
        var server = await ConfiguredServer.StartAsync(configure?.Invoke(settings) ?? settings);
        return (fake, server);
    }

    [Fact]
    public async Task A_healthy_origin_is_called_over_http_once_and_then_served_from_the_cache()
    {
        var (fake, server) = await StartAsync(OriginFaults.Image);
        await using (fake)
        await using (server)
        {
            var first = await server.GetAsync("/prompt/a%20tram%20in%20the%20rain");
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
            Assert.Equal(TestPng.For("a tram in the rain"), await first.Content.ReadAsByteArrayAsync());
            var second = await server.GetAsync("/prompt/a%20tram%20in%20the%20rain");
            Assert.Equal("EXACT", Header(second, "X-Cache-Type"));
            Assert.Equal(1, fake.Calls);
        }
    }

    [Theory]
    [InlineData(5_000)]
    [InlineData(-1)] // never answers
    public async Task An_origin_slower_than_the_total_timeout_gets_a_504_problem_and_nothing_is_stored(int delayMs)
    {
        var (fake, server) = await StartAsync(OriginFaults.Slow(TimeSpan.FromMilliseconds(delayMs)));
        await using (fake)
        await using (server)
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var response = await server.GetAsync("/prompt/a%20slow%20glacier");
            output.WriteLine($"504 after {clock.ElapsedMilliseconds} ms (total timeout {ConfiguredServer.OriginTimeout.TotalMilliseconds} ms, origin delay {delayMs} ms)");
            AssertGatewayProblem(response, HttpStatusCode.GatewayTimeout);
            var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            Assert.Contains($"{ConfiguredServer.OriginTimeout.TotalMilliseconds:0} ms", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
            Assert.Equal("MISS", Header(response, "X-Cache"));
            await AssertNothingStoredAsync(server.Services);
        }
    }

    [Fact]
    public async Task A_body_that_stops_after_the_headers_is_a_504_problem_at_the_idle_timeout_and_nothing_is_stored()
    {
        // A total timeout far beyond the test: only the between-bytes idle timeout can end this request.
        var (fake, server) = await StartAsync(
            OriginFaults.Stall,
            s => s with { OriginHttp = s.OriginHttp with { TotalTimeout = TimeSpan.FromMinutes(5), BodyIdleTimeout = TimeSpan.FromMilliseconds(500) } });
        await using (fake)
        await using (server)
        {
            var response = await server.GetAsync("/prompt/a%20stalled%20river");
            AssertGatewayProblem(response, HttpStatusCode.GatewayTimeout);
            var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            Assert.Contains("no bytes for 500 ms", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
            Assert.Equal("MISS", Header(response, "X-Cache"));
            await AssertNothingStoredAsync(server.Services);
        }
    }

    [Fact]
    public async Task A_500_is_a_502_problem_and_the_next_request_asks_the_origin_again()
    {
        var (fake, server) = await StartAsync(OriginFaults.Status(500));
        await using (fake)
        await using (server)
        {
            AssertGatewayProblem(await server.GetAsync("/prompt/a%20broken%20kiln"), HttpStatusCode.BadGateway);
            AssertGatewayProblem(await server.GetAsync("/prompt/a%20broken%20kiln"), HttpStatusCode.BadGateway);
            Assert.Equal(2, fake.Calls);
            await AssertNothingStoredAsync(server.Services);
        }
    }

    [Fact]
    public async Task A_503_then_success_is_retried_into_a_200_that_is_cached()
    {
        var (fake, server) = await StartAsync(
            OriginFaults.FailThenImage(1, 503),
            s => s with { OriginHttp = s.OriginHttp with { TotalTimeout = TimeSpan.FromSeconds(20), MaxRetries = 2 } });
        await using (fake)
        await using (server)
        {
            var first = await server.GetAsync("/prompt/a%20paper%20boat");
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
            Assert.Equal("MISS", Header(first, "X-Cache"));
            Assert.Equal(2, fake.Calls);
            Assert.True(await DrainAsync(server.Services, TimeSpan.FromSeconds(10)));
            var entry = Assert.Single(await EntriesAsync(server.Services));
            Assert.Equal(Header(first, "X-Cache-Key"), entry.Key);
            var second = await server.GetAsync("/prompt/a%20paper%20boat");
            Assert.Equal("EXACT", Header(second, "X-Cache-Type"));
            Assert.Equal(2, fake.Calls);
        }
    }

    [Fact]
    public async Task A_connection_reset_is_a_502_problem_and_nothing_is_stored()
    {
        var (fake, server) = await StartAsync(OriginFaults.Reset);
        await using (fake)
        await using (server)
        {
            AssertGatewayProblem(await server.GetAsync("/prompt/a%20cut%20cable"), HttpStatusCode.BadGateway);
            Assert.True(fake.Calls >= 1);
            await AssertNothingStoredAsync(server.Services);
        }
    }

    [Fact]
    public async Task A_200_with_a_wrong_content_type_is_a_502_problem_and_not_cached()
    {
        var (fake, server) = await StartAsync(OriginFaults.Html);
        await using (fake)
        await using (server)
        {
            AssertGatewayProblem(await server.GetAsync("/prompt/a%20rate%20limited%20owl"), HttpStatusCode.BadGateway);
            AssertGatewayProblem(await server.GetAsync("/prompt/a%20rate%20limited%20owl"), HttpStatusCode.BadGateway);
            Assert.Equal(2, fake.Calls);
            await AssertNothingStoredAsync(server.Services);
        }
    }

    [Fact]
    public async Task A_truncated_body_is_a_502_problem_and_not_cached()
    {
        var (fake, server) = await StartAsync(OriginFaults.Truncated);
        await using (fake)
        await using (server)
        {
            AssertGatewayProblem(await server.GetAsync("/prompt/half%20a%20moon"), HttpStatusCode.BadGateway);
            AssertGatewayProblem(await server.GetAsync("/prompt/half%20a%20moon"), HttpStatusCode.BadGateway);
            Assert.Equal(2, fake.Calls);
            await AssertNothingStoredAsync(server.Services);
        }
    }

    [Fact]
    public async Task A_body_over_the_size_limit_is_a_502_problem_and_not_cached()
    {
        var (fake, server) = await StartAsync(OriginFaults.Image, s => s with { OriginHttp = s.OriginHttp with { MaxBodyBytes = 64 } });
        await using (fake)
        await using (server)
        {
            AssertGatewayProblem(await server.GetAsync("/prompt/an%20enormous%20whale"), HttpStatusCode.BadGateway);
            await AssertNothingStoredAsync(server.Services);
        }
    }

    [Fact]
    public async Task A_placeholder_image_is_served_but_never_cached()
    {
        var placeholder = TestPng.For("the origin's 'image unavailable' picture");
        var (fake, server) = await StartAsync(OriginFaults.Fixed(placeholder), s => s with { PlaceholderSha256 = [TestPng.Sha256Hex(placeholder).ToUpperInvariant()] });
        await using (fake)
        await using (server)
        {
            var first = await server.GetAsync("/prompt/a%20forbidden%20castle");
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
            Assert.Equal(placeholder, await first.Content.ReadAsByteArrayAsync());
            var second = await server.GetAsync("/prompt/a%20forbidden%20castle");
            Assert.Equal(HttpStatusCode.OK, second.StatusCode);
            Assert.Equal("MISS", Header(second, "X-Cache"));
            Assert.Equal(2, fake.Calls);
            await AssertNothingStoredAsync(server.Services);
        }
    }
}
