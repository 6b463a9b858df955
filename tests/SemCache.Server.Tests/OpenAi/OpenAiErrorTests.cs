using System.Net;
using System.Text;
using System.Text.Json;
using SemCache.Core.Origin;
using SemCache.Tests.Infrastructure;

namespace SemCache.Tests.OpenAi;

/// <summary>Errors of POST /v1/images/generations in OpenAI's shape: {"error":{"message","type","param","code"}}.</summary>
public sealed class OpenAiErrorTests : IDisposable
{
    private readonly TempDirectory _data = new();

    public void Dispose() => _data.Dispose();

    [Theory]
    [InlineData("{\"prompt\":\"a cat\",\"n\":2}", "n")]
    [InlineData("{\"model\":\"flux\"}", "prompt")]
    [InlineData("{\"prompt\":\"a cat\",\"size\":\"big\"}", "size")]
    [InlineData("{\"prompt\":\"a cat\",\"size\":\"99999x512\"}", "size")]
    [InlineData("{\"prompt\":\"a cat\",\"response_format\":\"jpeg\"}", "response_format")]
    [InlineData("{\"prompt\":\"a cat\",\"colour\":\"blue\"}", "colour")]
    [InlineData("{\"prompt\":\"a cat\",\"seed\":\"soon\"}", "seed")]
    [InlineData("{\"prompt\":\"   \"}", "prompt")]
    [InlineData("{\"prompt\":42}", "prompt")]
    public async Task Invalid_requests_answer_400_invalid_request_error_naming_the_parameter(string body, string param)
    {
        await using var server = await CacheServer.StartAsync(_data.Path);
        var (status, error) = await PostAsync(server, body);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
        Assert.Equal(param, error.GetProperty("param").GetString());
        Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("message").GetString()));
        Assert.True(error.TryGetProperty("code", out _));
        Assert.Equal(0, server.Origin.Calls);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    public async Task A_body_that_is_not_a_json_object_answers_400(string body)
    {
        await using var server = await CacheServer.StartAsync(_data.Path);
        var (status, error) = await PostAsync(server, body);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
        Assert.Equal(JsonValueKind.Null, error.GetProperty("param").ValueKind);
    }

    [Fact]
    public async Task An_origin_failure_answers_502_server_error()
    {
        var origin = new ScriptedOrigin(_ => new OriginResponse(500, "text/plain", Encoding.UTF8.GetBytes("boom"), TimeSpan.Zero));
        await using var server = await CacheServer.StartAsync(_data.Path, origin);
        var (status, error) = await PostAsync(server, "{\"prompt\":\"a cat\"}");
        Assert.Equal(HttpStatusCode.BadGateway, status);
        Assert.Equal("server_error", error.GetProperty("type").GetString());
        Assert.Equal("origin_error", error.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Extensions_and_defaults_map_onto_the_prompt_route_parameters()
    {
        await using var server = await CacheServer.StartAsync(_data.Path);
        using var response = await server.Client.PostAsync(
            "/v1/images/generations",
            new StringContent("{\"prompt\":\"a quiet harbour\",\"seed\":7,\"negative_prompt\":\"boats\",\"quality\":\"standard\",\"user\":\"u1\",\"n\":1,\"response_format\":\"b64_json\"}", Encoding.UTF8, "application/json"));
        response.EnsureSuccessStatusCode();
        Assert.Equal("no-store", response.Headers.CacheControl!.ToString());
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(doc.RootElement.GetProperty("created").GetInt64() > 0);
        var b64 = doc.RootElement.GetProperty("data")[0].GetProperty("b64_json").GetString()!;

        var viaGet = await server.GetAsync("/prompt/a%20quiet%20harbour?seed=7&negative_prompt=boats");
        Assert.Equal("EXACT", viaGet.Headers.GetValues("X-Cache-Type").Single());
        Assert.Equal(Convert.FromBase64String(b64), await viaGet.Content.ReadAsByteArrayAsync());
        Assert.Equal(1, server.Origin.Calls);
    }

    private static async Task<(HttpStatusCode Status, JsonElement Error)> PostAsync(CacheServer server, string body)
    {
        using var response = await server.Client.PostAsync("/v1/images/generations", new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (response.StatusCode, doc.RootElement.GetProperty("error").Clone());
    }
}
