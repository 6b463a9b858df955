using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Http;
using SemCache.Core.Origin;
using SemCache.Origin;

namespace SemCache.Tests.Origin;

public sealed class HttpImageOriginFaultTests
{
    private static readonly TimeSpan Short = TimeSpan.FromMilliseconds(300);

    // Upper bound only, far above the 300 ms timeout: proves the call did not wait for the origin.
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task SlowOrigin_BeyondTotalTimeout_IsTimeout()
    {
        await using var server = await FakeOriginServer.StartAsync(async (ctx, _) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(20), ctx.RequestAborted);
            await ctx.Response.WriteAsync("late");
        });
        using var origin = HttpImageOrigin.Create(OriginTestOptions.For(server) with { TotalTimeout = Short });

        var watch = Stopwatch.StartNew();
        var response = await origin.GenerateAsync(Requests.Parse("/prompt/a%20cat"));

        Assert.Equal(OriginFailure.Timeout, response.Failure);
        Assert.Equal(504, response.StatusCode);
        Assert.Empty(response.Body);
        Assert.True(watch.Elapsed < Generous, $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task OriginHangingMidBody_IsTimeout()
    {
        await using var server = await FakeOriginServer.StartAsync(async (ctx, _) =>
        {
            ctx.Response.ContentType = "image/png";
            ctx.Response.ContentLength = 10_000;
            await ctx.Response.Body.WriteAsync(new byte[100]);
            await ctx.Response.Body.FlushAsync();
            await FakeOriginServer.HangAsync(ctx);
        });
        using var origin = HttpImageOrigin.Create(OriginTestOptions.For(server) with { TotalTimeout = Short });

        var watch = Stopwatch.StartNew();
        var response = await origin.GenerateAsync(Requests.Parse("/prompt/a%20cat"));

        Assert.Equal(OriginFailure.Timeout, response.Failure);
        Assert.True(watch.Elapsed < Generous, $"took {watch.Elapsed}");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)] // chunked: no Content-Length
    public async Task BodyStoppingAfterTheHeaders_EndsAtTheIdleTimeout_NotTheTotalTimeout(bool declaredLength)
    {
        await using var server = await FakeOriginServer.StartAsync(async (ctx, _) =>
        {
            ctx.Response.ContentType = "image/png";
            if (declaredLength)
            {
                ctx.Response.ContentLength = 10_000;
            }

            await ctx.Response.Body.WriteAsync(new byte[100]);
            await ctx.Response.Body.FlushAsync();
            await FakeOriginServer.HangAsync(ctx);
        });
        using var origin = HttpImageOrigin.Create(
            OriginTestOptions.For(server) with { TotalTimeout = TimeSpan.FromMinutes(2), BodyIdleTimeout = Short, MaxRetries = 0 });

        var response = await origin.GenerateAsync(Requests.Parse("/prompt/a%20cat"));

        // The total timeout would say "no complete answer within 120000 ms": only the idle timeout says this.
        Assert.Equal(OriginFailure.Timeout, response.Failure);
        Assert.Equal(504, response.StatusCode);
        Assert.Contains("body stopped", response.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SlowButSteadyBody_IsNotCutByTheIdleTimeout()
    {
        var image = new byte[2_000];
        Random.Shared.NextBytes(image);
        await using var server = await FakeOriginServer.StartAsync(async (ctx, _) =>
        {
            ctx.Response.ContentType = "image/png";
            ctx.Response.ContentLength = image.Length;
            for (var i = 0; i < image.Length; i += 250)
            {
                await ctx.Response.Body.WriteAsync(image.AsMemory(i, 250));
                await ctx.Response.Body.FlushAsync();
                await Task.Delay(50);
            }
        });

        // Eight gaps of 50 ms: the body takes longer than one idle timeout in all, but no single gap does.
        using var origin = HttpImageOrigin.Create(OriginTestOptions.For(server) with { BodyIdleTimeout = TimeSpan.FromSeconds(2) });

        var response = await origin.GenerateAsync(Requests.Parse("/prompt/a%20cat"));

        Assert.Equal(OriginFailure.None, response.Failure);
        Assert.Equal(image, response.Body);
    }

    [Fact]
    public async Task ConnectionAbortedBeforeAnswer_IsConnectFailed_AndRetried()
    {
        await using var server = await FakeOriginServer.StartAsync((ctx, _) =>
        {
            ctx.Abort();
            return Task.CompletedTask;
        });
        using var origin = HttpImageOrigin.Create(OriginTestOptions.For(server));

        var response = await origin.GenerateAsync(Requests.Parse("/prompt/a%20cat"));

        Assert.Equal(OriginFailure.ConnectFailed, response.Failure);
        Assert.Equal(502, response.StatusCode);
        Assert.Equal(3, server.Calls);
    }

    [Fact]
    public async Task ConnectionAbortedMidBody_IsTruncatedOrConnectFailed_NeverABody()
    {
        await using var server = await FakeOriginServer.StartAsync(async (ctx, _) =>
        {
            ctx.Response.ContentType = "image/png";
            ctx.Response.ContentLength = 10_000;
            await ctx.Response.Body.WriteAsync(new byte[1000]);
            await ctx.Response.Body.FlushAsync();
            await Task.Delay(50);
            ctx.Abort();
        });
        using var origin = HttpImageOrigin.Create(OriginTestOptions.For(server));

        var response = await origin.GenerateAsync(Requests.Parse("/prompt/a%20cat"));

        // A reset can discard bytes the client had not read yet, headers included: then it looks like a failed connect.
        Assert.Contains(response.Failure, new[] { OriginFailure.Truncated, OriginFailure.ConnectFailed });
        Assert.Empty(response.Body);
    }

    [Fact]
    public async Task DeclaredLengthLongerThanBody_IsTruncated_NotRetried()
    {
        using var server = new RawHttpServer("HTTP/1.1 200 OK\nContent-Type: image/png\nContent-Length: 5000\nConnection: close", new byte[4000]);
        using var origin = HttpImageOrigin.Create(new HttpOriginOptions { BaseUrl = server.BaseUrl, RetryBaseDelay = TimeSpan.Zero });

        var response = await origin.GenerateAsync(Requests.Parse("/prompt/a%20cat"));

        Assert.Equal(OriginFailure.Truncated, response.Failure);
        Assert.Equal(502, response.StatusCode);
        Assert.Empty(response.Body);
        Assert.Equal(1, server.Connections);
    }

    [Fact]
    public async Task KestrelCuttingADeclaredBodyShort_IsNeverASuccess()
    {
        await using var server = await FakeOriginServer.StartAsync(async (ctx, _) =>
        {
            ctx.Response.ContentType = "image/png";
            ctx.Response.ContentLength = 5000;
            await ctx.Response.Body.WriteAsync(new byte[4000]);
        });
        using var origin = HttpImageOrigin.Create(OriginTestOptions.For(server));

        var response = await origin.GenerateAsync(Requests.Parse("/prompt/a%20cat"));

        Assert.Contains(response.Failure, new[] { OriginFailure.Truncated, OriginFailure.ConnectFailed });
        Assert.False(response.IsSuccess);
    }

    [Fact]
    public async Task UndeclaredBodyEndingCleanly_IsComplete()
    {
        using var server = new RawHttpServer("HTTP/1.1 200 OK\nContent-Type: image/png\nConnection: close", [1, 2, 3, 4, 5]);
        using var origin = HttpImageOrigin.Create(new HttpOriginOptions { BaseUrl = server.BaseUrl });

        var response = await origin.GenerateAsync(Requests.Parse("/prompt/a%20cat"));

        Assert.True(response.IsSuccess, response.Failure.ToString());
        Assert.Equal(new byte[] { 1, 2, 3, 4, 5 }, response.Body);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task BodyOverMaxBodyBytes_IsTooLarge(bool declareLength)
    {
        await using var server = await FakeOriginServer.StartAsync(async (ctx, _) =>
        {
            ctx.Response.ContentType = "image/png";
            if (declareLength)
            {
                ctx.Response.ContentLength = 200 * 1024;
            }

            for (var i = 0; i < 25; i++)
            {
                await ctx.Response.Body.WriteAsync(new byte[8 * 1024], ctx.RequestAborted);
                await ctx.Response.Body.FlushAsync(ctx.RequestAborted);
            }
        });
        using var origin = HttpImageOrigin.Create(OriginTestOptions.For(server));

        var response = await origin.GenerateAsync(Requests.Parse("/prompt/a%20cat"));

        Assert.Equal(OriginFailure.TooLarge, response.Failure);
        Assert.Equal(502, response.StatusCode);
        Assert.Empty(response.Body);
    }

    [Fact]
    public async Task BodyExactlyAtMaxBodyBytes_IsAccepted()
    {
        await using var server = await FakeOriginServer.StartAsync(async (ctx, _) =>
        {
            ctx.Response.ContentType = "image/png";
            await ctx.Response.Body.WriteAsync(new byte[64 * 1024]);
        });
        using var origin = HttpImageOrigin.Create(OriginTestOptions.For(server));

        var response = await origin.GenerateAsync(Requests.Parse("/prompt/a%20cat"));

        Assert.True(response.IsSuccess);
        Assert.Equal(64 * 1024, response.Body.Length);
    }

    [Fact]
    public async Task ConnectionRefused_IsConnectFailed()
    {
        var origin = HttpImageOrigin.Create(new HttpOriginOptions
        {
            BaseUrl = new Uri($"http://127.0.0.1:{ClosedPort()}"),
            RetryBaseDelay = TimeSpan.FromMilliseconds(5),
        });
        using (origin)
        {
            var response = await origin.GenerateAsync(Requests.Parse("/prompt/a%20cat"));

            Assert.Equal(OriginFailure.ConnectFailed, response.Failure);
            Assert.Equal(502, response.StatusCode);
            Assert.NotNull(response.Detail);
        }
    }

    [Fact]
    public async Task CallerCancellation_Throws()
    {
        await using var server = await FakeOriginServer.StartAsync((ctx, _) => FakeOriginServer.HangAsync(ctx));
        using var origin = HttpImageOrigin.Create(OriginTestOptions.For(server));
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => origin.GenerateAsync(Requests.Parse("/prompt/a%20cat"), cts.Token));
    }

    internal static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
