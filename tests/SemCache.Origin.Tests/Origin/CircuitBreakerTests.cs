using System.Diagnostics;
using SemCache.Core.Origin;
using SemCache.Origin;

namespace SemCache.Tests.Origin;

public sealed class CircuitBreakerTests
{
    private static HttpOriginOptions Breaking(Uri baseUrl) => new()
    {
        BaseUrl = baseUrl,
        MaxRetries = 0,
        BreakerFailureRatio = 0.5,
        BreakerMinimumThroughput = 2,
        BreakerSamplingDuration = TimeSpan.FromSeconds(30),
        BreakerBreakDuration = TimeSpan.FromSeconds(30),
    };

    [Fact]
    public async Task RepeatedServerErrors_OpenTheBreaker_ThenCallsFailFastWithoutReachingTheOrigin()
    {
        await using var server = await FakeOriginServer.StartAsync((ctx, _) =>
        {
            ctx.Response.StatusCode = 500;
            return Task.CompletedTask;
        });
        using var origin = HttpImageOrigin.Create(Breaking(server.BaseUrl));
        var request = Requests.Parse("/prompt/a%20cat");

        Assert.Equal(500, (await origin.GenerateAsync(request)).StatusCode);
        Assert.Equal(500, (await origin.GenerateAsync(request)).StatusCode);
        var watch = Stopwatch.StartNew();
        var third = await origin.GenerateAsync(request);

        Assert.Equal(OriginFailure.CircuitOpen, third.Failure);
        Assert.Equal(502, third.StatusCode);
        Assert.Equal(2, server.Calls);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task RepeatedConnectFailures_OpenTheBreaker()
    {
        using var origin = HttpImageOrigin.Create(Breaking(new Uri($"http://127.0.0.1:{HttpImageOriginFaultTests.ClosedPort()}")));
        var request = Requests.Parse("/prompt/a%20cat");

        Assert.Equal(OriginFailure.ConnectFailed, (await origin.GenerateAsync(request)).Failure);
        Assert.Equal(OriginFailure.ConnectFailed, (await origin.GenerateAsync(request)).Failure);
        Assert.Equal(OriginFailure.CircuitOpen, (await origin.GenerateAsync(request)).Failure);
    }

    [Fact]
    public async Task ClientErrors_DoNotOpenTheBreaker()
    {
        await using var server = await FakeOriginServer.StartAsync((ctx, _) =>
        {
            ctx.Response.StatusCode = 400;
            return Task.CompletedTask;
        });
        using var origin = HttpImageOrigin.Create(Breaking(server.BaseUrl));
        var request = Requests.Parse("/prompt/a%20cat");

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(400, (await origin.GenerateAsync(request)).StatusCode);
        }

        Assert.Equal(5, server.Calls);
    }

    [Fact]
    public async Task CallersWhoGoAway_DoNotOpenTheBreaker()
    {
        var answer = false;
        await using var server = await FakeOriginServer.StartAsync(async (ctx, _) =>
        {
            if (!Volatile.Read(ref answer))
            {
                await FakeOriginServer.HangAsync(ctx);
                return;
            }

            ctx.Response.ContentType = "image/png";
            await ctx.Response.Body.WriteAsync(new byte[] { 1, 2, 3 });
        });
        using var origin = HttpImageOrigin.Create(Breaking(server.BaseUrl));
        var request = Requests.Parse("/prompt/a%20cat");

        for (var i = 0; i < 3; i++)
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => origin.GenerateAsync(request, cts.Token));
        }

        Volatile.Write(ref answer, true);
        var response = await origin.GenerateAsync(request);

        Assert.True(response.IsSuccess, response.Failure.ToString());
    }

    [Fact]
    public async Task Timeouts_OpenTheBreaker()
    {
        await using var server = await FakeOriginServer.StartAsync((ctx, _) => FakeOriginServer.HangAsync(ctx));
        using var origin = HttpImageOrigin.Create(Breaking(server.BaseUrl) with { TotalTimeout = TimeSpan.FromMilliseconds(200) });
        var request = Requests.Parse("/prompt/a%20cat");

        Assert.Equal(OriginFailure.Timeout, (await origin.GenerateAsync(request)).Failure);
        Assert.Equal(OriginFailure.Timeout, (await origin.GenerateAsync(request)).Failure);
        Assert.Equal(OriginFailure.CircuitOpen, (await origin.GenerateAsync(request)).Failure);
    }
}
