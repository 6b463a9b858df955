using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using SemCache.Server.Hosting;
using SemCache.Tests.Infrastructure;

namespace SemCache.Tests;

/// <summary>Admin endpoints need the token (and do not exist without one); clients are rate limited.</summary>
public sealed class AdminAndLimitsTests : IDisposable
{
    private const string Token = "test-admin-token-0123456789abcdef";
    private readonly TempDirectory _data = new();

    public void Dispose() => _data.Dispose();

    private static HttpRequestMessage Admin(HttpMethod method, string path, string? token)
    {
        var request = new HttpRequestMessage(method, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return request;
    }

    [Theory]
    [InlineData("GET", "/admin/stats")]
    [InlineData("GET", "/admin/config")]
    [InlineData("POST", "/admin/purge?key=0000000000000000000000000000000000000000000000000000000000000000")]
    public async Task Without_a_configured_token_admin_endpoints_do_not_exist(string method, string path)
    {
        await using var server = await CacheServer.StartAsync(_data.Path);
        var response = await server.Client.SendAsync(Admin(new HttpMethod(method), path, "anything"));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-token-wrong-token-wrong")]
    [InlineData("test-admin-token-0123456789abcde")]
    public async Task A_missing_or_wrong_token_is_refused(string? token)
    {
        await using var server = await CacheServer.StartAsync(_data.Path, configure: s => s with { Admin = new AdminSettings { Token = Token } });
        var response = await server.Client.SendAsync(Admin(HttpMethod.Get, "/admin/stats", token));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var purge = await server.Client.SendAsync(Admin(HttpMethod.Post, "/admin/purge?older_than=0s", token));
        Assert.Equal(HttpStatusCode.Unauthorized, purge.StatusCode);
    }

    [Fact]
    public async Task Stats_and_config_with_the_token_report_the_cache_and_hide_secrets()
    {
        await using var server = await CacheServer.StartAsync(_data.Path, configure: s => s with { Admin = new AdminSettings { Token = Token } });
        await server.GetAsync("/prompt/a%20windmill");
        await server.GetAsync("/prompt/a%20windmill");
        var stats = JsonDocument.Parse(await (await server.Client.SendAsync(Admin(HttpMethod.Get, "/admin/stats", Token))).Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(1, stats.GetProperty("exact_hits").GetInt64());
        Assert.Equal(1, stats.GetProperty("misses").GetInt64());
        var config = await (await server.Client.SendAsync(Admin(HttpMethod.Get, "/admin/config", Token))).Content.ReadAsStringAsync();
        Assert.DoesNotContain(Token, config, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Purge_removes_the_entry_its_vector_its_aliases_and_its_image()
    {
        await using var server = await CacheServer.StartAsync(_data.Path, configure: s => s with { Admin = new AdminSettings { Token = Token } });
        var miss = await server.GetAsync("/prompt/a%20red%20fox%20in%20the%20snow");
        var key = miss.Headers.GetValues("X-Cache-Key").Single();
        Assert.True(await server.WaitUntilIndexedAsync(key, TimeSpan.FromSeconds(10)));
        var semantic = await server.GetAsync("/prompt/A%20red%20fox%20in%20the%20snow.");
        Assert.Equal("SEMANTIC", semantic.Headers.GetValues("X-Cache-Type").Single());
        await Task.Delay(300); // the alias is written in the background

        var purge = await server.Client.SendAsync(Admin(HttpMethod.Post, "/admin/purge?key=" + key, Token));
        Assert.Equal(HttpStatusCode.OK, purge.StatusCode);
        var result = JsonDocument.Parse(await purge.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(1, result.GetProperty("entries").GetInt32());
        Assert.Equal(1, result.GetProperty("aliases").GetInt32());
        Assert.Equal(1, result.GetProperty("blobs").GetInt32());

        Assert.Empty(Directory.EnumerateFiles(Path.Combine(_data.Path, "images", "blobs"), "*", SearchOption.AllDirectories));
        var after = await server.GetAsync("/prompt/A%20red%20fox%20in%20the%20snow.");
        Assert.Equal("MISS", after.Headers.GetValues("X-Cache").Single());
    }

    [Fact]
    public async Task A_client_over_its_rate_gets_429_with_retry_after()
    {
        await using var server = await CacheServer.StartAsync(_data.Path, configure: s => s with { RateLimit = new RateLimitSettings { PermitsPerMinute = 1, Burst = 2 } });
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? limited = null;
        for (var i = 0; i < 4; i++)
        {
            var r = await server.GetAsync("/prompt/a%20busy%20street");
            statuses.Add(r.StatusCode);
            limited = r.StatusCode == HttpStatusCode.TooManyRequests ? r : limited;
        }

        Assert.Equal(HttpStatusCode.OK, statuses[0]);
        Assert.NotNull(limited);
        Assert.True(limited!.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);

        // Health and metrics are never limited.
        Assert.Equal(HttpStatusCode.OK, (await server.Client.GetAsync("/health")).StatusCode);
    }

    [Fact]
    public async Task The_openai_route_over_its_rate_gets_openai_error_body()
    {
        await using var server = await CacheServer.StartAsync(_data.Path, configure: s => s with { RateLimit = new RateLimitSettings { PermitsPerMinute = 1, Burst = 1 } });
        HttpResponseMessage? limited = null;
        for (var i = 0; i < 3 && limited is null; i++)
        {
            var r = await server.Client.PostAsync("/v1/images/generations", new StringContent("""{"prompt":"a busy street","response_format":"b64_json"}""", System.Text.Encoding.UTF8, "application/json"));
            limited = r.StatusCode == HttpStatusCode.TooManyRequests ? r : null;
        }

        Assert.NotNull(limited);
        Assert.True(limited!.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Equal("application/json", limited.Content.Headers.ContentType?.MediaType);
        var error = JsonDocument.Parse(await limited.Content.ReadAsStringAsync()).RootElement.GetProperty("error");
        Assert.Equal("rate_limit_exceeded", error.GetProperty("code").GetString());
        Assert.Equal("requests", error.GetProperty("type").GetString());
        Assert.Contains("retry after", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }
}
