using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using SemCache.Core.Storage;
using SemCache.Server.Diagnostics;
using SemCache.Server.Hosting;
using SemCache.Server.Maintenance;
using SemCache.Tests.Infrastructure;

namespace SemCache.Tests.Maintenance;

/// <summary>Aliases written on semantic hits: their hits keep their target alive, and they leave with it.</summary>
public sealed class EvictionAliasTests : IDisposable
{
    private readonly TempDirectory _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task Hits_on_an_alias_protect_its_target_and_the_alias_goes_with_it()
    {
        await using var server = await CacheServer.StartAsync(_data.Path);
        var store = server.Services.GetRequiredService<IImageStore>();
        var fox = await MissAsync(server, "a red fox in the snow");
        var ramen = await MissAsync(server, "a bowl of ramen on a wooden table");
        var semantic = await server.GetAsync("/prompt/" + Uri.EscapeDataString("A red fox in the snow."));
        Assert.Equal("SEMANTIC", semantic.Headers.GetValues("X-Cache-Type").Single());
        var alias = await WaitForAliasAsync(store);
        Assert.Equal(fox, alias.AliasOf);

        // The fox is older than the ramen, but its alias was hit a minute ago.
        var now = DateTimeOffset.UtcNow;
        await store.PutEntryAsync((await store.GetEntryAsync(fox))! with { Created = now.AddDays(-3), LastHit = null, HitCount = 0 });
        await store.PutEntryAsync((await store.GetEntryAsync(ramen))! with { Created = now.AddDays(-1), LastHit = null, HitCount = 0 });
        await store.PutEntryAsync(alias with { Created = now.AddDays(-2), LastHit = now.AddMinutes(-1), HitCount = 3 });

        var first = await Evictor(server, new EvictionSettings { MaxEntries = 1 }).RunOnceAsync(CancellationToken.None);
        Assert.Equal(1, first.Evicted);
        Assert.Null(await store.GetEntryAsync(ramen));
        Assert.NotNull(await store.GetEntryAsync(fox));
        Assert.NotNull(await store.GetEntryAsync(alias.Key));

        var second = await Evictor(server, new EvictionSettings { Ttl = TimeSpan.FromDays(2) }).RunOnceAsync(CancellationToken.None);
        Assert.Equal(1, second.Expired);
        Assert.Equal(1, second.Aliases);
        Assert.Null(await store.GetEntryAsync(alias.Key));
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(_data.Path, "images", "blobs"), "*", SearchOption.AllDirectories));
        var after = await server.GetAsync("/prompt/" + Uri.EscapeDataString("A red fox in the snow."));
        Assert.Equal("MISS", after.Headers.GetValues("X-Cache").Single());
    }

    private static CacheEvictor Evictor(CacheServer server, EvictionSettings limits) => new(
        server.Services.GetRequiredService<IImageStore>(),
        server.Services.GetRequiredService<CachePurger>(),
        limits,
        server.Services.GetRequiredService<CacheCounters>(),
        TimeProvider.System,
        NullLogger<CacheEvictor>.Instance);

    private static async Task<string> MissAsync(CacheServer server, string prompt)
    {
        var response = await server.GetAsync("/prompt/" + Uri.EscapeDataString(prompt));
        Assert.Equal("MISS", response.Headers.GetValues("X-Cache").Single());
        var key = response.Headers.GetValues("X-Cache-Key").Single();
        Assert.True(await server.WaitUntilIndexedAsync(key, TimeSpan.FromSeconds(20)));
        return key;
    }

    /// <summary>The alias is written in the background after the semantic hit.</summary>
    private static async Task<CacheEntry> WaitForAliasAsync(IImageStore store)
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            await foreach (var entry in store.ListEntriesAsync())
            {
                if (entry.AliasOf is not null)
                {
                    return entry;
                }
            }

            await Task.Delay(25);
        }

        throw new TimeoutException("no alias was written after the semantic hit");
    }
}
