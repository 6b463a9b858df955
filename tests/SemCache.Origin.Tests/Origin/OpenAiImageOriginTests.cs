using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using SemCache.Core.Origin;
using SemCache.Origin;

namespace SemCache.Tests.Origin;

public sealed class OpenAiImageOriginTests
{
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0, 1, 2];

    // A variable per test class run, so parallel tests never see each other's keys.
    private readonly string _keyVariable = "SEMCACHE_TEST_KEY_" + Guid.NewGuid().ToString("N");

    [Fact]
    public async Task Generation_SendsTheRequestAsJson_AndDecodesTheImage()
    {
        JsonElement sent = default;
        string? authorization = null;
        string? method = null;
        await using var server = await FakeOriginServer.StartAsync(async (ctx, _) =>
        {
            method = ctx.Request.Method;
            authorization = ctx.Request.Headers.Authorization;
            sent = (await JsonDocument.ParseAsync(ctx.Request.Body)).RootElement.Clone();
            await Answer(ctx, Jpeg);
        });
        Environment.SetEnvironmentVariable(_keyVariable, "sk-test-123");
        var logger = new ListLogger();
        using var client = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        using var origin = new OpenAiImageOrigin(client, Options(server), new OpenAiLogger(logger));

        var response = await origin.GenerateAsync(Requests.Parse("/prompt/a%20cat%20%22quoted%22?width=640&height=480&seed=5&model=gptimage&token=t"));

        Assert.True(response.IsSuccess, response.Detail);
        Assert.Equal(Jpeg, response.Body);
        Assert.Equal("image/jpeg", response.ContentType);
        Assert.Equal("POST", method);
        Assert.Equal("/v1/images/generations", server.Targets.Single());
        Assert.Equal("Bearer sk-test-123", authorization);
        Assert.Equal("gptimage", sent.GetProperty("model").GetString());
        Assert.Equal("a cat \"quoted\"", sent.GetProperty("prompt").GetString());
        Assert.Equal(1, sent.GetProperty("n").GetInt32());
        Assert.Equal("640x480", sent.GetProperty("size").GetString());
        Assert.Equal("b64_json", sent.GetProperty("response_format").GetString());
        Assert.False(sent.TryGetProperty("seed", out _));
        Assert.NotEmpty(logger.Lines);
        Assert.DoesNotContain(logger.Lines, l => l.Contains("sk-test", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Extensions_AndModelOverride_AreSentWhenConfigured()
    {
        JsonElement sent = default;
        await using var server = await FakeOriginServer.StartAsync(async (ctx, _) =>
        {
            sent = (await JsonDocument.ParseAsync(ctx.Request.Body)).RootElement.Clone();
            await Answer(ctx, Jpeg);
        });
        using var origin = OpenAiImageOrigin.Create(Options(server, key: null) with { Model = "dall-e-3", SendSeedAndNegativePrompt = true });

        var response = await origin.GenerateAsync(Requests.Parse("/prompt/a%20cat?seed=-7&negative_prompt=blurry"));

        Assert.True(response.IsSuccess, response.Detail);
        Assert.Equal("dall-e-3", sent.GetProperty("model").GetString());
        Assert.Equal(-7, sent.GetProperty("seed").GetInt64());
        Assert.Equal("blurry", sent.GetProperty("negative_prompt").GetString());
    }

    [Fact]
    public async Task ErrorAnswer_IsPassedThroughAsIs_NotRetried()
    {
        await using var server = await FakeOriginServer.StartAsync(async (ctx, _) =>
        {
            ctx.Response.StatusCode = 400;
            ctx.Response.ContentType = "application/json";
            await ctx.Response.WriteAsync("{\"error\":{\"message\":\"content policy\"}}");
        });
        using var origin = OpenAiImageOrigin.Create(Options(server, key: null));

        var response = await origin.GenerateAsync(Requests.Parse("/prompt/a%20cat"));

        Assert.Equal(400, response.StatusCode);
        Assert.Equal(OriginFailure.None, response.Failure);
        Assert.Equal("application/json", response.ContentType);
        Assert.Contains("content policy", Encoding.UTF8.GetString(response.Body), StringComparison.Ordinal);
        Assert.Equal(1, server.Calls);
    }

    [Fact]
    public async Task Unavailable_ThenOk_IsRetried()
    {
        await using var server = await FakeOriginServer.StartAsync(async (ctx, call) =>
        {
            if (call == 1)
            {
                ctx.Response.StatusCode = 503;
                return;
            }

            await Answer(ctx, Jpeg);
        });
        using var origin = OpenAiImageOrigin.Create(Options(server, key: null));

        var response = await origin.GenerateAsync(Requests.Parse("/prompt/a%20cat"));

        Assert.True(response.IsSuccess, response.Detail);
        Assert.Equal(2, server.Calls);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{\"data\":[]}")]
    [InlineData("{\"data\":[{\"url\":\"https://example.com/x.png\"}]}")]
    [InlineData("{\"data\":[{\"b64_json\":\"%%%\"}]}")]
    public async Task OkAnswerWithoutAnImage_IsAFailure(string json)
    {
        await using var server = await FakeOriginServer.StartAsync(async (ctx, _) =>
        {
            ctx.Response.ContentType = "application/json";
            await ctx.Response.WriteAsync(json);
        });
        using var origin = OpenAiImageOrigin.Create(Options(server, key: null));

        var response = await origin.GenerateAsync(Requests.Parse("/prompt/a%20cat"));

        Assert.Equal(OriginFailure.Other, response.Failure);
        Assert.Equal(502, response.StatusCode);
        Assert.Empty(response.Body);
    }

    [Fact]
    public void MissingApiKey_IsRefusedAtStartup_NamingTheVariable()
    {
        var options = new OpenAiOriginOptions { Http = new HttpOriginOptions { BaseUrl = new Uri("https://api.openai.com") }, ApiKeyEnvironmentVariable = _keyVariable };

        var ex = Assert.Throws<ArgumentException>(() => OpenAiImageOrigin.Create(options));
        Assert.Contains(_keyVariable, ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new ServiceCollection().AddOpenAiImageOrigin(options));
    }

    [Fact]
    public void InvalidOptions_AreReportedByName()
    {
        var options = new OpenAiOriginOptions
        {
            Http = new HttpOriginOptions { BaseUrl = new Uri("https://api.openai.com"), MaxRetries = -1 },
            ApiKeyEnvironmentVariable = "BAD NAME",
            Model = " ",
        };

        var errors = options.Validate();

        Assert.Equal(3, errors.Count);
        Assert.Contains(errors, e => e.StartsWith("MaxRetries ", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("ApiKeyEnvironmentVariable ", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Model ", StringComparison.Ordinal));
    }

    private OpenAiOriginOptions Options(FakeOriginServer server) => Options(server, _keyVariable);

    private static OpenAiOriginOptions Options(FakeOriginServer server, string? key) => new()
    {
        Http = OriginTestOptions.For(server),
        ApiKeyEnvironmentVariable = key,
    };

    private static async Task Answer(HttpContext ctx, byte[] image)
    {
        ctx.Response.ContentType = "application/json";
        await ctx.Response.WriteAsync($"{{\"created\":1,\"data\":[{{\"b64_json\":\"{Convert.ToBase64String(image)}\"}}]}}");
    }
}
