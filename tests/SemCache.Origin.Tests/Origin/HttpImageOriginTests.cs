using Microsoft.AspNetCore.Http;
using SemCache.Core.Origin;
using SemCache.Origin;

namespace SemCache.Tests.Origin;

public sealed class HttpImageOriginTests
{
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3, 4, 5];

    [Fact]
    public async Task OkPng_IsReturnedWithStatusTypeAndBytes()
    {
        await using var server = await FakeOriginServer.StartAsync(async (ctx, _) =>
        {
            ctx.Response.ContentType = "image/png";
            await ctx.Response.Body.WriteAsync(Png);
        });
        using var origin = HttpImageOrigin.Create(OriginTestOptions.For(server));

        var response = await origin.GenerateAsync(Requests.Parse("/prompt/a%20cat"));

        Assert.True(response.IsSuccess);
        Assert.Equal(200, response.StatusCode);
        Assert.Equal("image/png", response.ContentType);
        Assert.Equal(Png, response.Body);
        Assert.Equal(1, server.Calls);
    }

    [Fact]
    public async Task PromptAndParameters_ArriveExactly_TokenIncluded_ButNeverLogged()
    {
        string? path = null;
        IQueryCollection? query = null;
        await using var server = await FakeOriginServer.StartAsync(async (ctx, _) =>
        {
            path = ctx.Request.Path.Value;
            query = ctx.Request.Query;
            ctx.Response.ContentType = "image/png";
            await ctx.Response.Body.WriteAsync(Png);
        });
        var logger = new ListLogger();
        using var client = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        using var origin = new HttpImageOrigin(client, OriginTestOptions.For(server), logger);

        var request = Requests.Parse("/prompt/a%20cat%20%26%20a%20dog%3F%20100%25%2Fok%20caf%C3%A9?width=512&token=s3cr%26t%3Dx&model=Flux&negative_prompt=blurry%20text");
        var response = await origin.GenerateAsync(request);

        Assert.True(response.IsSuccess);
        Assert.Equal("/prompt/a%20cat%20%26%20a%20dog%3F%20100%25%2Fok%20caf%C3%A9", server.Targets.Single().Split('?')[0]);
        Assert.Equal("/prompt/a cat & a dog? 100%/ok café", Uri.UnescapeDataString(path!));
        Assert.Equal("512", query!["width"]);
        Assert.Equal("s3cr&t=x", query["token"]);
        Assert.Equal("Flux", query["model"]);
        Assert.Equal("blurry text", query["negative_prompt"]);
        Assert.Equal(4, query.Count);
        Assert.NotEmpty(logger.Lines);
        Assert.DoesNotContain(logger.Lines, l => l.Contains("s3cr", StringComparison.Ordinal) || l.Contains("token", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ServerError500_IsPassedThrough_NotRetried()
    {
        await using var server = await FakeOriginServer.StartAsync(async (ctx, _) =>
        {
            ctx.Response.StatusCode = 500;
            ctx.Response.ContentType = "application/json";
            await ctx.Response.WriteAsync("{\"error\":\"model crashed\"}");
        });
        using var origin = HttpImageOrigin.Create(OriginTestOptions.For(server));

        var response = await origin.GenerateAsync(Requests.Parse("/prompt/a%20cat"));

        Assert.Equal(OriginFailure.None, response.Failure);
        Assert.False(response.IsSuccess);
        Assert.Equal(500, response.StatusCode);
        Assert.Equal("application/json", response.ContentType);
        Assert.Equal("{\"error\":\"model crashed\"}", System.Text.Encoding.UTF8.GetString(response.Body));
        Assert.Equal(1, server.Calls);
    }

    [Theory]
    [InlineData(502)]
    [InlineData(503)]
    [InlineData(504)]
    public async Task GatewayErrorThenOk_IsRetried_AndSucceeds(int firstStatus)
    {
        await using var server = await FakeOriginServer.StartAsync(async (ctx, call) =>
        {
            if (call == 1)
            {
                ctx.Response.StatusCode = firstStatus;
                return;
            }

            ctx.Response.ContentType = "image/png";
            await ctx.Response.Body.WriteAsync(Png);
        });
        using var origin = HttpImageOrigin.Create(OriginTestOptions.For(server));

        var response = await origin.GenerateAsync(Requests.Parse("/prompt/a%20cat"));

        Assert.True(response.IsSuccess);
        Assert.Equal(Png, response.Body);
        Assert.Equal(2, server.Calls);
    }

    [Fact]
    public async Task PersistentUnavailable_IsRetriedMaxRetriesTimes_ThenPassedThrough()
    {
        await using var server = await FakeOriginServer.StartAsync((ctx, _) =>
        {
            ctx.Response.StatusCode = 503;
            return Task.CompletedTask;
        });
        using var origin = HttpImageOrigin.Create(OriginTestOptions.For(server));

        var response = await origin.GenerateAsync(Requests.Parse("/prompt/a%20cat"));

        Assert.Equal(503, response.StatusCode);
        Assert.Equal(OriginFailure.None, response.Failure);
        Assert.Equal(3, server.Calls);
    }

    [Theory]
    [InlineData(400)]
    [InlineData(401)]
    [InlineData(429)]
    public async Task ClientError_IsPassedThrough_NotRetried(int status)
    {
        await using var server = await FakeOriginServer.StartAsync(async (ctx, _) =>
        {
            ctx.Response.StatusCode = status;
            await ctx.Response.WriteAsync("no");
        });
        using var origin = HttpImageOrigin.Create(OriginTestOptions.For(server));

        var response = await origin.GenerateAsync(Requests.Parse("/prompt/a%20cat"));

        Assert.Equal(status, response.StatusCode);
        Assert.Equal(OriginFailure.None, response.Failure);
        Assert.Equal("no"u8.ToArray(), response.Body);
        Assert.Equal(1, server.Calls);
    }

    [Fact]
    public async Task WrongContentType_IsPassedThroughAsIs()
    {
        await using var server = await FakeOriginServer.StartAsync(async (ctx, _) =>
        {
            ctx.Response.ContentType = "text/html; charset=utf-8";
            await ctx.Response.WriteAsync("<html>rate limited</html>");
        });
        using var origin = HttpImageOrigin.Create(OriginTestOptions.For(server));

        var response = await origin.GenerateAsync(Requests.Parse("/prompt/a%20cat"));

        Assert.Equal(200, response.StatusCode);
        Assert.Equal(OriginFailure.None, response.Failure);
        Assert.Equal("text/html; charset=utf-8", response.ContentType);
        Assert.Equal("<html>rate limited</html>"u8.ToArray(), response.Body);
    }

    [Fact]
    public void Description_NamesTheHostOnly()
    {
        using var origin = HttpImageOrigin.Create(new HttpOriginOptions { BaseUrl = new Uri("https://image.pollinations.ai/") });

        Assert.Equal("http (https://image.pollinations.ai)", origin.Description);
    }
}
