using System.Net.Http.Headers;
using SemCache.Server.Hosting;
using SemCache.Tests.Infrastructure;

namespace SemCache.Tests;

/// <summary>Exact hits served from the in-memory hot-image set stay correct: same bytes and headers, purges seen at once.</summary>
public sealed class HotImageTests : IDisposable
{
    private const string Token = "hot-images-admin-token-0123456789";
    private const string Fox = "/prompt/a%20red%20fox%20in%20the%20snow";
    private readonly TempDirectory _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task A_hot_exact_hit_is_the_stored_image_and_a_purge_through_the_server_ends_it_at_once()
    {
        await using var server = await CacheServer.StartAsync(_data.Path, configure: s => s with { Admin = new AdminSettings { Token = Token } });
        var miss = await server.GetAsync(Fox);
        var bytes = await miss.Content.ReadAsByteArrayAsync();
        var key = miss.Headers.GetValues("X-Cache-Key").Single();
        Assert.True(await server.WaitUntilIndexedAsync(key, TimeSpan.FromSeconds(10)));

        // The second hit reads the store (and keeps the image); the third comes from memory: both identical.
        for (var i = 0; i < 2; i++)
        {
            var hit = await server.GetAsync(Fox);
            Assert.Equal("EXACT", hit.Headers.GetValues("X-Cache-Type").Single());
            Assert.Equal(bytes, await hit.Content.ReadAsByteArrayAsync());
            Assert.Equal(miss.Headers.ETag, hit.Headers.ETag);
            Assert.Equal("image/png", hit.Content.Headers.ContentType?.MediaType);
        }

        var purge = new HttpRequestMessage(HttpMethod.Post, "/admin/purge?key=" + key);
        purge.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        Assert.True((await server.Client.SendAsync(purge)).IsSuccessStatusCode);

        var after = await server.GetAsync(Fox);
        Assert.Equal("MISS", after.Headers.GetValues("X-Cache").Single());
        Assert.Equal(2, server.Origin.Calls);
    }

    [Fact]
    public async Task With_the_set_turned_off_exact_hits_still_come_from_the_store()
    {
        await using var server = await CacheServer.StartAsync(_data.Path, configure: s => s with { HotImages = new HotImageSettings { Bytes = 0 } });
        var bytes = await (await server.GetAsync(Fox)).Content.ReadAsByteArrayAsync();
        await Task.Delay(300); // the image is written in the background
        var hit = await server.GetAsync(Fox);
        Assert.Equal("EXACT", hit.Headers.GetValues("X-Cache-Type").Single());
        Assert.Equal(bytes, await hit.Content.ReadAsByteArrayAsync());
    }
}
