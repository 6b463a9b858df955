using System.ClientModel;
using System.Net;
using System.Text;
using System.Text.Json;
using OpenAI;
using OpenAI.Images;
using SemCache.Server.Hosting;
using SemCache.Tests.Infrastructure;

namespace SemCache.Tests.OpenAi;

/// <summary>With tenants configured, the OpenAI client's API key is the tenant key: caches stay apart.</summary>
public sealed class OpenAiTenantTests : IDisposable
{
    private const string Alice = "key-alice-0123456789";
    private const string Bob = "key-bob-0123456789";

    private readonly TempDirectory _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task The_bearer_key_selects_the_tenant_and_one_tenant_never_gets_anothers_image()
    {
        await using var server = await StartAsync();
        var options = new ImageGenerationOptions { ResponseFormat = GeneratedImageFormat.Bytes };

        var first = await Client(server, Alice).GenerateImageAsync("a red fox in the snow", options);
        Assert.Equal("MISS", Header(first, "X-Cache"));
        Assert.Equal("EXACT", Header(await Client(server, Alice).GenerateImageAsync("a red fox in the snow", options), "X-Cache-Type"));

        var bob = await Client(server, Bob).GenerateImageAsync("a red fox in the snow", options);
        Assert.Equal("MISS", Header(bob, "X-Cache"));
        Assert.Equal(2, server.Origin.Calls);

        // X-Api-Key works too, and names the same tenant as the bearer key.
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/images/generations")
        {
            Content = new StringContent("{\"prompt\":\"a red fox in the snow\",\"response_format\":\"b64_json\"}", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Api-Key", Bob);
        var viaHeader = await server.Client.SendAsync(request);
        Assert.Equal("EXACT", viaHeader.Headers.GetValues("X-Cache-Type").Single());
        Assert.Equal(2, server.Origin.Calls);
    }

    [Fact]
    public async Task An_unknown_key_is_refused_with_401_invalid_api_key()
    {
        await using var server = await StartAsync();
        var ex = await Assert.ThrowsAsync<ClientResultException>(() => Client(server, "key-mallory-000000000").GenerateImageAsync("a cat"));
        Assert.Equal(401, ex.Status);

        var anonymous = await server.Client.PostAsync("/v1/images/generations", new StringContent("{\"prompt\":\"a cat\"}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        using var doc = JsonDocument.Parse(await anonymous.Content.ReadAsStringAsync());
        Assert.Equal("invalid_api_key", doc.RootElement.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal(0, server.Origin.Calls);
    }

    private Task<CacheServer> StartAsync() => CacheServer.StartAsync(_data.Path, configure: s => s with
    {
        Tenants = new TenantSettings { ApiKeys = new Dictionary<string, string> { [Alice] = "alice", [Bob] = "bob" } },
    });

    private static ImageClient Client(CacheServer server, string key) =>
        new("flux", new ApiKeyCredential(key), new OpenAIClientOptions { Endpoint = new Uri(server.Client.BaseAddress!, "/v1") });

    private static string? Header<T>(ClientResult<T> result, string name) =>
        result.GetRawResponse().Headers.TryGetValue(name, out var value) ? value : null;
}
