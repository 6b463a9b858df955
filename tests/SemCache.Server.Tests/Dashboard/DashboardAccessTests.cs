using System.Net;
using System.Net.Http.Headers;
using SemCache.Server.Hosting;
using SemCache.Tests.Infrastructure;

namespace SemCache.Tests.Dashboard;

/// <summary>Who may open /dashboard and its feed, and how its embedded assets are served.</summary>
public sealed class DashboardAccessTests : IDisposable
{
    private const string Token = "dashboard-test-token-0123456789";

    private readonly TempDirectory _data = new();

    public void Dispose() => _data.Dispose();

    [Theory]
    [InlineData("/dashboard")]
    [InlineData("/dashboard/data")]
    [InlineData("/dashboard?token=wrong-token-wrong-token")]
    public async Task With_a_token_configured_an_anonymous_or_wrong_request_gets_401(string path)
    {
        await using var server = await StartWithTokenAsync();
        var response = await server.Client.GetAsync(path);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.DoesNotContain("recent", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_bearer_token_opens_the_page_and_the_feed()
    {
        await using var server = await StartWithTokenAsync();
        using var page = new HttpRequestMessage(HttpMethod.Get, "/dashboard");
        page.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        var response = await server.Client.SendAsync(page);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("default-src 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Contains("/dashboard/assets/dashboard.js", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var data = new HttpRequestMessage(HttpMethod.Get, "/dashboard/data");
        data.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        Assert.Equal(HttpStatusCode.OK, (await server.Client.SendAsync(data)).StatusCode);
    }

    [Fact]
    public async Task A_token_in_the_query_is_traded_for_a_cookie_and_dropped_from_the_address()
    {
        await using var server = await StartWithTokenAsync();
        using var handler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false };
        using var client = new HttpClient(handler) { BaseAddress = server.Client.BaseAddress };

        var response = await client.GetAsync("/dashboard?token=" + Token);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/dashboard", response.Headers.Location!.OriginalString);
        var cookie = response.Headers.GetValues("Set-Cookie").Single();
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Token, cookie, StringComparison.Ordinal);

        using var data = new HttpRequestMessage(HttpMethod.Get, "/dashboard/data");
        data.Headers.Add("Cookie", cookie.Split(';')[0]);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(data)).StatusCode);

        using var forged = new HttpRequestMessage(HttpMethod.Get, "/dashboard/data");
        forged.Headers.Add("Cookie", "semcache_dashboard=" + Token);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(forged)).StatusCode);
    }

    [Fact]
    public async Task Without_a_token_the_dashboard_answers_loopback_clients()
    {
        await using var server = await CacheServer.StartAsync(_data.Path);
        Assert.Equal(HttpStatusCode.OK, (await server.Client.GetAsync("/dashboard")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await server.Client.GetAsync("/dashboard/data")).StatusCode);
    }

    [Theory]
    [InlineData("dashboard.js", "text/javascript")]
    [InlineData("dashboard.css", "text/css")]
    public async Task Assets_are_served_from_the_assembly_with_an_etag(string name, string mediaType)
    {
        await using var server = await StartWithTokenAsync();
        var response = await server.Client.GetAsync("/dashboard/assets/" + name);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        Assert.True((await response.Content.ReadAsByteArrayAsync()).Length > 500);

        using var again = new HttpRequestMessage(HttpMethod.Get, "/dashboard/assets/" + name);
        again.Headers.IfNoneMatch.Add(response.Headers.ETag!);
        Assert.Equal(HttpStatusCode.NotModified, (await server.Client.SendAsync(again)).StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await server.Client.GetAsync("/dashboard/assets/index.html")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await server.Client.GetAsync("/dashboard/assets/missing.js")).StatusCode);
    }

    private Task<CacheServer> StartWithTokenAsync() =>
        CacheServer.StartAsync(_data.Path, configure: s => s with { Admin = new AdminSettings { Token = Token } });
}
