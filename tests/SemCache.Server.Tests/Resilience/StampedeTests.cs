using System.Net;
using Microsoft.Extensions.DependencyInjection;
using SemCache.Core.Storage;
using SemCache.Server.Hosting;
using SemCache.Tests.Infrastructure;
using static SemCache.Tests.Resilience.CacheState;

namespace SemCache.Tests.Resilience;

/// <summary>Request coalescing under a stampede: one origin call, identical answers, and no waiter can cancel it for the others.</summary>
public sealed class StampedeTests : IDisposable
{
    private readonly TempDirectory _data = new();

    public void Dispose() => _data.Dispose();

    private static SemCacheSettings NoRateLimit(SemCacheSettings s) => s with { RateLimit = new RateLimitSettings { PermitsPerMinute = 0 } };

    [Fact]
    public async Task A_hundred_concurrent_identical_misses_make_one_origin_call_and_get_one_identical_image()
    {
        var gated = new GatedOrigin();
        await using var server = await CacheServer.StartAsync(_data.Path, gated, NoRateLimit);
        var requests = Enumerable.Range(0, 100).Select(_ => server.GetAsync("/prompt/a%20stampede%20of%20wild%20horses")).ToList();
        await gated.Entered;
        await Task.Delay(300); // let the other requests reach the server while the one origin call is held open
        gated.Open();

        var responses = await Task.WhenAll(requests);
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(1, server.Origin.Calls);
        var bodies = await Task.WhenAll(responses.Select(r => r.Content.ReadAsByteArrayAsync()));
        Assert.All(bodies, b => Assert.Equal(TestPng.For("a stampede of wild horses"), b));
        Assert.Single(responses.Select(r => r.Headers.ETag?.Tag).Distinct());
        Assert.Single(responses.Select(r => Header(r, "X-Cache-Key")).Distinct());
        Assert.True(await DrainAsync(server.Services, TimeSpan.FromSeconds(10)));
        Assert.Single(await EntriesAsync(server.Services));
    }

    [Fact]
    public async Task A_waiter_that_disconnects_cancels_nothing_for_the_others_and_the_image_is_stored()
    {
        var gated = new GatedOrigin();
        await using var server = await CacheServer.StartAsync(_data.Path, gated, NoRateLimit);
        const string path = "/prompt/a%20lighthouse%20keeper%20who%20leaves%20early";

        // The first client starts the shared origin call, then hangs up while it is still running.
        using var leaving = new CancellationTokenSource();
        var first = server.Client.GetAsync(path, leaving.Token);
        await gated.Entered;
        var others = Enumerable.Range(0, 20).Select(_ => server.GetAsync(path)).ToList();
        await Task.Delay(300); // the others join the call in flight
        await leaving.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
        await Task.Delay(100); // the server notices the disconnect before the origin answers
        gated.Open();

        var responses = await Task.WhenAll(others);
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.False(gated.TokenCancelled, "the shared origin call was cancelled by one client's disconnect");
        Assert.Equal(1, server.Origin.Calls);
        var key = Header(responses[0], "X-Cache-Key");
        Assert.True(await server.WaitUntilIndexedAsync(key, TimeSpan.FromSeconds(10)), "the shared call's image was never indexed");
        var entry = await server.Services.GetRequiredService<IImageStore>().GetEntryAsync(key);
        Assert.NotNull(entry);
        Assert.True(await server.Services.GetRequiredService<IImageStore>().BlobExistsAsync(entry.BlobSha256));
    }
}
