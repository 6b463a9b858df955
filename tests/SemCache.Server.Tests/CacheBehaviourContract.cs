using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SemCache.Core.Origin;
using SemCache.Core.Storage;
using SemCache.Origin;
using SemCache.Server.Hosting;
using SemCache.Tests.Infrastructure;

namespace SemCache.Tests;

/// <summary>
/// The core promises of the cache, through real HTTP against a real server and the real model. One suite, run
/// unchanged on every combination of index and store (see the subclasses).
/// </summary>
public abstract class CacheBehaviourContract : IDisposable
{
    private readonly TempDirectory _data = new();

    public void Dispose() => _data.Dispose();

    /// <summary>Points the settings at this backend; called for every server start, so restarts see the same data.</summary>
    protected abstract SemCacheSettings Backend(SemCacheSettings settings);

    private Task<CacheServer> StartAsync(IImageOrigin? origin = null) => CacheServer.StartAsync(_data.Path, origin, Backend);

    private static async Task AssertNothingStoredAsync(CacheServer server)
    {
        var store = server.Services.GetRequiredService<IImageStore>();
        await foreach (var entry in store.ListEntriesAsync())
        {
            Assert.Fail($"an entry was stored: {entry.Key}");
        }

        await foreach (var blob in store.ListBlobsAsync())
        {
            Assert.Fail($"an image was stored: {blob}");
        }
    }

    private static string H(HttpResponseMessage r, string name) =>
        r.Headers.TryGetValues(name, out var v) ? string.Join(",", v) : string.Empty;

    private static async Task<string> MissThenIndexedAsync(CacheServer server, string path)
    {
        var response = await server.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("MISS", H(response, "X-Cache"));
        var key = H(response, "X-Cache-Key");
        Assert.True(await server.WaitUntilIndexedAsync(key, TimeSpan.FromSeconds(10)), "the new entry was never indexed");
        return key;
    }

    [Fact]
    public async Task First_request_misses_and_calls_the_origin_once_then_the_same_request_is_an_exact_hit()
    {
        await using var server = await StartAsync();
        var first = await server.GetAsync("/prompt/a%20red%20fox%20in%20the%20snow?width=512&height=512");
        Assert.Equal("MISS", H(first, "X-Cache"));
        Assert.Equal("image/png", first.Content.Headers.ContentType?.MediaType);
        Assert.Equal(1, server.Origin.Calls);
        var firstBytes = await first.Content.ReadAsByteArrayAsync();

        // Same request, parameters in another order: same canonical key.
        var second = await server.GetAsync("/prompt/a%20red%20fox%20in%20the%20snow?height=512&width=512");
        Assert.Equal("HIT", H(second, "X-Cache"));
        Assert.Equal("EXACT", H(second, "X-Cache-Type"));
        Assert.Equal(H(first, "X-Cache-Key"), H(second, "X-Cache-Key"));
        Assert.Equal(firstBytes, await second.Content.ReadAsByteArrayAsync());
        Assert.Equal(1, server.Origin.Calls);
        Assert.NotNull(second.Headers.ETag);
        Assert.Contains("max-age", second.Headers.CacheControl?.ToString() ?? string.Empty, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unchanged_image_answers_304_to_if_none_match()
    {
        await using var server = await StartAsync();
        var first = await server.GetAsync("/prompt/a%20lighthouse%20at%20dusk");
        var etag = first.Headers.ETag!.Tag;
        var again = await server.GetAsync("/prompt/a%20lighthouse%20at%20dusk", etag);
        Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);
        Assert.Equal("HIT", H(again, "X-Cache"));
    }

    [Theory]
    [InlineData("/prompt/a%20red%20fox%20in%20the%20snow", "/prompt/A%20red%20fox%20in%20the%20snow.")]
    [InlineData("/prompt/a%20photo%20of%20a%20red%20car%20and%20a%20blue%20bench", "/prompt/a%20photo%20of%20a%20blue%20bench%20and%20a%20red%20car")]
    public async Task A_paraphrase_is_a_semantic_hit_and_then_an_exact_hit(string original, string paraphrase)
    {
        await using var server = await StartAsync();
        await MissThenIndexedAsync(server, original);
        var hit = await server.GetAsync(paraphrase);
        Assert.Equal(HttpStatusCode.OK, hit.StatusCode);
        Assert.Equal("HIT", H(hit, "X-Cache"));
        Assert.Equal("SEMANTIC", H(hit, "X-Cache-Type"));
        Assert.True(float.Parse(H(hit, "X-Semantic-Similarity"), System.Globalization.CultureInfo.InvariantCulture) >= float.Parse(H(hit, "X-Semantic-Threshold"), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(1, server.Origin.Calls);

        // The semantic hit left an alias: the paraphrase is now an exact hit.
        var alias = await WaitForAsync(async () => H(await server.GetAsync(paraphrase), "X-Cache-Type") == "EXACT");
        Assert.True(alias, "the paraphrase never became an exact hit");
        Assert.Equal(1, server.Origin.Calls);
    }

    [Fact]
    public async Task A_different_object_with_the_same_words_is_a_miss()
    {
        await using var server = await StartAsync();
        await MissThenIndexedAsync(server, "/prompt/tiny%20orange%20cat");
        var other = await server.GetAsync("/prompt/tiny%20orange%20car");
        Assert.Equal("MISS", H(other, "X-Cache"));
        Assert.NotEqual(string.Empty, H(other, "X-Semantic-Best-Similarity"));
        Assert.Equal(2, server.Origin.Calls);
    }

    [Theory]
    [InlineData("model=turbo")]
    [InlineData("width=512")]
    [InlineData("height=768")]
    [InlineData("seed=7")]
    [InlineData("negative_prompt=blurry")]
    [InlineData("image=https%3A%2F%2Fexample.com%2Fsource.png")]
    [InlineData("enhance=true")]
    public async Task A_different_picture_parameter_never_shares_an_image(string parameter)
    {
        await using var server = await StartAsync();
        await MissThenIndexedAsync(server, "/prompt/a%20castle%20on%20a%20hill");

        // The very same prompt with one picture-changing parameter changed: neither tier may serve it.
        var other = await server.GetAsync("/prompt/a%20castle%20on%20a%20hill?" + parameter);
        Assert.Equal("MISS", H(other, "X-Cache"));
        Assert.Equal(string.Empty, H(other, "X-Semantic-Best-Similarity"));
        Assert.Equal(2, server.Origin.Calls);
    }

    [Fact]
    public async Task Every_hit_survives_a_restart_on_the_same_data_directory()
    {
        string exactKey;
        await using (var server = await StartAsync())
        {
            exactKey = await MissThenIndexedAsync(server, "/prompt/a%20red%20fox%20in%20the%20snow");
        }

        await using var restarted = await StartAsync();
        var exact = await restarted.GetAsync("/prompt/a%20red%20fox%20in%20the%20snow");
        Assert.Equal("EXACT", H(exact, "X-Cache-Type"));
        Assert.Equal(exactKey, H(exact, "X-Cache-Key"));
        var semantic = await restarted.GetAsync("/prompt/A%20red%20fox%20in%20the%20snow.");
        Assert.Equal("SEMANTIC", H(semantic, "X-Cache-Type"));
        Assert.Equal(0, restarted.Origin.Calls);
    }

    [Fact]
    public async Task An_origin_error_is_not_cached()
    {
        var origin = new ScriptedOrigin(_ => new OriginResponse(500, "text/plain", Encoding.UTF8.GetBytes("boom"), TimeSpan.Zero));
        await using var server = await StartAsync(origin);
        var first = await server.GetAsync("/prompt/a%20dragon");
        Assert.Equal(HttpStatusCode.BadGateway, first.StatusCode);
        Assert.Equal("application/problem+json", first.Content.Headers.ContentType?.MediaType);
        var second = await server.GetAsync("/prompt/a%20dragon");
        Assert.Equal(HttpStatusCode.BadGateway, second.StatusCode);
        Assert.Equal(2, server.Origin.Calls);
        await AssertNothingStoredAsync(server);
    }

    [Theory]
    [InlineData("text/html", "<!DOCTYPE html><html><body>Rate limited</body></html>")]
    [InlineData("image/png", "<!DOCTYPE html><html><body>not really a png</body></html>")]
    public async Task A_200_that_is_not_an_image_is_not_cached(string contentType, string body)
    {
        var origin = new ScriptedOrigin(_ => new OriginResponse(200, contentType, Encoding.UTF8.GetBytes(body), TimeSpan.Zero));
        await using var server = await StartAsync(origin);
        var first = await server.GetAsync("/prompt/a%20dragon");
        Assert.Equal(HttpStatusCode.BadGateway, first.StatusCode);
        await server.GetAsync("/prompt/a%20dragon");
        Assert.Equal(2, server.Origin.Calls);
        await AssertNothingStoredAsync(server);
    }

    [Fact]
    public async Task Two_different_Chinese_prompts_never_share_an_image()
    {
        await using var server = await StartAsync();
        var first = await server.GetAsync("/prompt/" + Uri.EscapeDataString("一只红色的狐狸在雪地里"));
        Assert.Equal("MISS", H(first, "X-Cache"));
        await Task.Delay(300); // give the background writer time; the prompt must not be searchable anyway
        var second = await server.GetAsync("/prompt/" + Uri.EscapeDataString("一只蓝色的汽车在城市里"));
        Assert.Equal("MISS", H(second, "X-Cache"));
        Assert.StartsWith("prompt-not-readable", H(second, "X-Semantic-Reason"), StringComparison.Ordinal);
        Assert.Equal(2, server.Origin.Calls);

        // The exact tier still works for them.
        var again = await server.GetAsync("/prompt/" + Uri.EscapeDataString("一只红色的狐狸在雪地里"));
        Assert.Equal("EXACT", H(again, "X-Cache-Type"));
    }

    [Fact]
    public async Task The_token_is_forwarded_to_the_origin_but_never_stored_or_logged()
    {
        const string token = "sk-SECRET-7f3a9c1e55";
        await using var server = await StartAsync();
        var response = await server.GetAsync($"/prompt/a%20quiet%20harbour?token={token}&referrer=my-private-app");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(await server.WaitUntilIndexedAsync(H(response, "X-Cache-Key"), TimeSpan.FromSeconds(10)));
        Assert.Contains(server.Origin.Requests.Single().ForwardParameters, p => p.Key == "token" && p.Value == token);

        // The same request with another token is the same cache entry.
        var other = await server.GetAsync("/prompt/a%20quiet%20harbour?token=another-token");
        Assert.Equal("EXACT", H(other, "X-Cache-Type"));

        var store = server.Services.GetRequiredService<IImageStore>();
        var entries = new List<string>();
        await foreach (var entry in store.ListEntriesAsync())
        {
            entries.Add(JsonSerializer.Serialize(entry));
        }

        Assert.NotEmpty(entries);
        Assert.DoesNotContain(entries, e => e.Contains(token, StringComparison.Ordinal) || e.Contains("my-private-app", StringComparison.Ordinal));

        await server.DisposeAsync();
        foreach (var file in Directory.EnumerateFiles(_data.Path, "*", SearchOption.AllDirectories))
        {
            var bytes = await File.ReadAllBytesAsync(file);
            Assert.False(Contains(bytes, Encoding.UTF8.GetBytes(token)), $"{file} holds the token");
            Assert.False(Contains(bytes, Encoding.UTF8.GetBytes("my-private-app")), $"{file} holds the referrer");
        }

        Assert.NotEmpty(server.Logs.Lines);
        var leaks = server.Logs.Lines.Where(l => l.Contains(token, StringComparison.Ordinal) || l.Contains("my-private-app", StringComparison.Ordinal)).ToList();
        Assert.True(leaks.Count == 0, string.Join("\n", leaks));
        Assert.False(response.Headers.ToString().Contains(token, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_new_entry_is_searchable_within_one_second()
    {
        await using var server = await StartAsync();
        await MissThenIndexedAsync(server, "/prompt/warm%20up%20the%20model"); // first embedding loads ONNX kernels
        var response = await server.GetAsync("/prompt/an%20owl%20reading%20a%20book");
        Assert.True(await server.WaitUntilIndexedAsync(H(response, "X-Cache-Key"), TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public async Task Private_requests_are_neither_stored_nor_served_from_the_cache()
    {
        await using var server = await StartAsync();
        await MissThenIndexedAsync(server, "/prompt/a%20secret%20garden");
        var first = await server.GetAsync("/prompt/a%20secret%20garden?private=true");
        Assert.Equal("BYPASS", H(first, "X-Cache"));
        Assert.True(first.Headers.CacheControl?.NoStore);
        Assert.True(first.Headers.CacheControl?.Private);
        var second = await server.GetAsync("/prompt/a%20private%20lake?private=true");
        await Task.Delay(200);
        var third = await server.GetAsync("/prompt/a%20private%20lake?private=true");
        Assert.Equal("BYPASS", H(third, "X-Cache"));
        Assert.Equal(4, server.Origin.Calls);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
    }

    [Fact]
    public async Task Concurrent_identical_misses_make_one_origin_call()
    {
        var origin = new DemoOrigin(new DemoOriginOptions { Delay = TimeSpan.FromMilliseconds(300) });
        await using var server = await StartAsync(origin);
        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => server.GetAsync("/prompt/a%20stampede%20of%20horses")));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(1, server.Origin.Calls);
        var bodies = await Task.WhenAll(responses.Select(r => r.Content.ReadAsByteArrayAsync()));
        Assert.All(bodies, b => Assert.Equal(bodies[0], b));
    }

    private static async Task<bool> WaitForAsync(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 100; i++)
        {
            if (await condition())
            {
                return true;
            }

            await Task.Delay(50);
        }

        return false;
    }

    private static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;
}
