using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.AI;
using Polly.Timeout;
using SemCache.Core.Numerics;
using SemCache.Embedding;

namespace SemCache.Tests.Embedding;

public sealed class OpenAiEmbeddingGeneratorTests : IAsyncLifetime
{
    private FakeEmbeddingServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeEmbeddingServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private OpenAiEmbeddingGenerator Client(Func<OpenAiEmbeddingOptions, OpenAiEmbeddingOptions>? tweak = null)
    {
        var options = new OpenAiEmbeddingOptions
        {
            Endpoint = _server.BaseAddress,
            Model = "nomic-embed-text",
            Normalize = false,
            RetryDelay = TimeSpan.FromMilliseconds(20),
        };
        return new OpenAiEmbeddingGenerator(tweak?.Invoke(options) ?? options);
    }

    [Fact]
    public async Task Large_calls_are_split_into_batches_and_vectors_follow_the_index()
    {
        using var client = Client(o => o with { MaxBatchSize = 64 });
        var prompts = Enumerable.Range(0, 150).Select(i => $"prompt number {i}").ToArray();

        var result = await client.GenerateAsync(prompts);

        Assert.Equal([64, 64, 22], _server.Requests.Select(r => r.Inputs.Length));
        Assert.Equal(prompts, _server.Requests.SelectMany(r => r.Inputs));
        Assert.Equal(150, result.Count);
        for (var i = 0; i < prompts.Length; i++)
        {
            Assert.Equal(FakeEmbeddingServer.VectorFor(prompts[i]), result[i].Vector.ToArray());
        }
    }

    [Fact]
    public async Task The_request_follows_the_protocol()
    {
        using var client = Client(o => o with { Dimensions = 3 });
        await client.GenerateAsync(["a red fox"]);

        var request = Assert.Single(_server.Requests);
        Assert.Equal("/v1/embeddings", request.Path);
        Assert.Equal("nomic-embed-text", request.Body.GetProperty("model").GetString());
        Assert.Equal("float", request.Body.GetProperty("encoding_format").GetString());
        Assert.Equal(3, request.Body.GetProperty("dimensions").GetInt32());
        Assert.Null(request.Authorization);
        Assert.Equal("openai:nomic-embed-text@127.0.0.1?dimensions=3", client.EmbedderId);
    }

    [Theory]
    [InlineData("v1", "/v1/embeddings")]
    [InlineData("v1/", "/v1/embeddings")]
    [InlineData("ai/custom/embeddings", "/ai/custom/embeddings")]
    public async Task Base_and_full_urls_both_work(string path, string expected)
    {
        using var client = Client(o => o with { Endpoint = new Uri(_server.BaseAddress, path) });
        await client.GenerateAsync(["x"]);
        Assert.Equal(expected, Assert.Single(_server.Requests).Path);
    }

    [Fact]
    public async Task The_api_key_comes_from_the_named_environment_variable()
    {
        var variable = "SEMCACHE_TEST_KEY_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(variable, "sk-test-123");
        try
        {
            using var client = Client(o => o with { ApiKeyEnvironmentVariable = variable });
            await client.GenerateAsync(["a"]);
            Assert.Equal("Bearer sk-test-123", Assert.Single(_server.Requests).Authorization);
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }

    [Fact]
    public void An_unset_key_variable_is_named_in_the_error()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Client(o => o with { ApiKeyEnvironmentVariable = "SEMCACHE_NOT_SET_ANYWHERE" }));
        Assert.Contains("SEMCACHE_NOT_SET_ANYWHERE", error.Message);
    }

    [Fact]
    public async Task A_prompt_prefix_is_sent_and_named_in_the_id()
    {
        using var client = Client(o => o with { PromptPrefix = "search_query: " });
        var result = await client.GenerateAsync(["a red fox"]);

        Assert.Equal(["search_query: a red fox"], Assert.Single(_server.Requests).Inputs);
        Assert.Equal(FakeEmbeddingServer.VectorFor("search_query: a red fox"), result[0].Vector.ToArray());
        Assert.Equal("openai:nomic-embed-text@127.0.0.1?prefix=search_query%3A%20", client.EmbedderId);
    }

    [Fact]
    public async Task A_503_then_a_429_with_retry_after_are_retried_until_success()
    {
        _server.ThenStatus(503, "overloaded");
        _server.ThenStatus(429, "slow down", retryAfter: "0");
        using var client = Client();

        var result = await client.GenerateAsync(["a lighthouse"]);

        Assert.Equal(3, _server.Requests.Count);
        Assert.Equal(FakeEmbeddingServer.VectorFor("a lighthouse"), result[0].Vector.ToArray());
    }

    [Fact]
    public async Task A_400_fails_at_once_with_the_servers_reason()
    {
        _server.ThenStatus(400, """{"error":{"message":"model not found"}}""");
        using var client = Client();

        var error = await Assert.ThrowsAsync<EmbeddingServiceException>(() => client.GenerateAsync(["a"]));

        Assert.Single(_server.Requests);
        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Contains("model not found", error.Message);
    }

    [Fact]
    public async Task Persistent_5xx_fails_after_the_retries()
    {
        for (var i = 0; i < 3; i++)
        {
            _server.ThenStatus(502);
        }

        using var client = Client(o => o with { MaxRetries = 2 });
        var error = await Assert.ThrowsAsync<EmbeddingServiceException>(() => client.GenerateAsync(["a"]));

        Assert.Equal(3, _server.Requests.Count);
        Assert.Equal(HttpStatusCode.BadGateway, error.StatusCode);
    }

    [Fact]
    public async Task A_server_that_does_not_answer_in_time_gives_a_timeout_error_after_retrying()
    {
        _server.Then(context => Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted));
        _server.Then(context => Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted));
        using var client = Client(o => o with { Timeout = TimeSpan.FromMilliseconds(300), MaxRetries = 1 });

        var error = await Assert.ThrowsAsync<EmbeddingServiceException>(() => client.GenerateAsync(["a"]));

        Assert.IsType<TimeoutRejectedException>(error.InnerException);
        Assert.Equal(2, _server.Requests.Count);
    }

    [Fact]
    public async Task An_answer_that_stalls_after_the_headers_gives_a_timeout_error()
    {
        _server.Then(async context =>
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("{\"data\":[");
            await context.Response.Body.FlushAsync();
            await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted);
        });
        using var client = Client(o => o with { Timeout = TimeSpan.FromMilliseconds(300), MaxRetries = 0 });

        var error = await Assert.ThrowsAsync<EmbeddingServiceException>(() => client.GenerateAsync(["a"]));
        Assert.Contains("did not finish", error.Message);
    }

    [Fact]
    public async Task A_closed_port_gives_a_connection_error()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        using var client = Client(o => o with { Endpoint = new Uri($"http://127.0.0.1:{port}/") });

        var error = await Assert.ThrowsAsync<EmbeddingServiceException>(() => client.GenerateAsync(["a"]));
        Assert.IsAssignableFrom<HttpRequestException>(error.InnerException);
    }

    [Fact]
    public async Task A_wrong_number_of_embeddings_is_an_error()
    {
        _server.Then(context => context.Response.WriteAsync("""{"data":[{"index":0,"embedding":[1,2,3]}]}"""));
        using var client = Client();
        var error = await Assert.ThrowsAsync<EmbeddingServiceException>(() => client.GenerateAsync(["a", "b"]));
        Assert.Contains("2 inputs", error.Message);
    }

    [Fact]
    public async Task Vectors_are_normalised_by_default()
    {
        using var client = Client(o => o with { Normalize = true });
        var vector = (await client.GenerateAsync(["a red fox"]))[0].Vector.ToArray();
        Assert.Equal(1.0, Math.Sqrt(VectorMath.Dot(vector, vector)), 4);
    }

    [Theory]
    [InlineData("a red fox", 1.0)]
    [InlineData("一只在雪地里的红狐狸", 1.0)]
    [InlineData("🦊🌨️🔥 !!", 0.0)]
    public void Every_prompt_with_a_letter_or_digit_counts_as_readable(string prompt, double expected)
    {
        using var client = Client();
        Assert.Equal(expected, client.KnownTokenShare(prompt));
    }
}
