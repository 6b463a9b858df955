using System.Net;
using SemCache.Server.Hosting;
using SemCache.Tests.Infrastructure;

namespace SemCache.Tests;

/// <summary>With API keys configured, each key's entries are its own: never served to another key.</summary>
public sealed class TenantTests : IDisposable
{
    private readonly TempDirectory _data = new();

    public void Dispose() => _data.Dispose();

    private static SemCacheSettings WithTenants(SemCacheSettings s) => s with
    {
        Tenants = new TenantSettings { ApiKeys = new Dictionary<string, string> { ["key-alice-0123456789"] = "alice", ["key-bob-0123456789"] = "bob" } },
    };

    private static Task<HttpResponseMessage> GetAsync(CacheServer server, string path, string? key)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (key is not null)
        {
            request.Headers.Add("X-Api-Key", key);
        }

        return server.Client.SendAsync(request);
    }

    private static string H(HttpResponseMessage r, string name) => r.Headers.TryGetValues(name, out var v) ? string.Join(",", v) : string.Empty;

    [Fact]
    public async Task One_tenants_images_are_never_served_to_another()
    {
        await using var server = await CacheServer.StartAsync(_data.Path, configure: WithTenants);
        var alice = await GetAsync(server, "/prompt/a%20red%20fox%20in%20the%20snow", "key-alice-0123456789");
        Assert.Equal("MISS", H(alice, "X-Cache"));
        Assert.True(await server.WaitUntilIndexedAsync(H(alice, "X-Cache-Key"), TimeSpan.FromSeconds(10)));

        Assert.Equal("EXACT", H(await GetAsync(server, "/prompt/a%20red%20fox%20in%20the%20snow", "key-alice-0123456789"), "X-Cache-Type"));
        Assert.Equal("SEMANTIC", H(await GetAsync(server, "/prompt/A%20red%20fox%20in%20the%20snow.", "key-alice-0123456789"), "X-Cache-Type"));

        var bobExact = await GetAsync(server, "/prompt/a%20red%20fox%20in%20the%20snow", "key-bob-0123456789");
        Assert.Equal("MISS", H(bobExact, "X-Cache"));
        Assert.Equal(string.Empty, H(bobExact, "X-Semantic-Best-Similarity"));
        Assert.Equal(2, server.Origin.Calls);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("key-mallory-000000000")]
    public async Task Without_a_valid_key_the_request_is_refused(string? key)
    {
        await using var server = await CacheServer.StartAsync(_data.Path, configure: WithTenants);
        var response = await GetAsync(server, "/prompt/a%20red%20fox", key);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, server.Origin.Calls);
    }

    [Theory]
    [InlineData("/prompt/a%20red%20fox")]
    [InlineData("/explain/a%20red%20fox")]
    public async Task Every_image_route_refuses_a_missing_key_as_a_problem_and_serves_a_valid_one(string path)
    {
        await using var server = await CacheServer.StartAsync(_data.Path, configure: WithTenants);

        var refused = await GetAsync(server, path, null);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Contains("X-Api-Key", refused.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);

        // A bearer token is for the OpenAI route only.
        var bearer = new HttpRequestMessage(HttpMethod.Get, path);
        bearer.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "key-alice-0123456789");
        Assert.Equal(HttpStatusCode.Unauthorized, (await server.Client.SendAsync(bearer)).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await GetAsync(server, path, "key-alice-0123456789")).StatusCode);
    }
}
