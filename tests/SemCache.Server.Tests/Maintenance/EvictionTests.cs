using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using SemCache.Core.Embedding;
using SemCache.Core.Index;
using SemCache.Core.Storage;
using SemCache.Server.Diagnostics;
using SemCache.Server.Hosting;
using SemCache.Server.Maintenance;
using SemCache.Tests.Infrastructure;

namespace SemCache.Tests.Maintenance;

/// <summary>Eviction by entry count, size and TTL on a real server, and the index never outliving an image.</summary>
public sealed class EvictionTests : IDisposable
{
    private static readonly string[] Prompts =
    [
        "a red fox in the snow",
        "a bowl of ramen on a wooden table",
        "a lighthouse at night during a storm",
        "an astronaut riding a bicycle on mars",
    ];

    private readonly TempDirectory _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task Over_max_entries_the_least_recently_used_go_first_and_a_recently_hit_old_entry_survives()
    {
        await using var server = await CacheServer.StartAsync(_data.Path, configure: s => s with
        {
            Eviction = new EvictionSettings { MaxEntries = 2, Interval = TimeSpan.FromHours(1) },
        });
        var keys = await FillAsync(server);
        var now = DateTimeOffset.UtcNow;

        // fox: old, never hit; ramen: newer, never hit; lighthouse: oldest but hit an hour ago; astronaut: newest.
        await AgeAsync(server, keys[0], now.AddDays(-3));
        await AgeAsync(server, keys[1], now.AddDays(-2));
        await AgeAsync(server, keys[2], now.AddDays(-4), lastHit: now.AddHours(-1), hits: 5);
        await AgeAsync(server, keys[3], now.AddDays(-1));

        var result = await server.Services.GetRequiredService<CacheEvictor>().RunOnceAsync(CancellationToken.None);

        Assert.Equal(2, result.Evicted);
        Assert.Equal(0, result.Expired);
        Assert.Equal(2, result.RemainingEntries);
        Assert.Equal([keys[2], keys[3]], (await RemainingKeysAsync(server)).OrderBy(k => Array.IndexOf(keys, k)));
        await AssertConsistentAsync(server, evicted: [Prompts[0], Prompts[1]]);
    }

    [Fact]
    public async Task Over_max_bytes_the_oldest_goes_until_the_images_fit()
    {
        await using var server = await CacheServer.StartAsync(_data.Path);
        var keys = await FillAsync(server);
        var now = DateTimeOffset.UtcNow;
        for (var i = 0; i < keys.Length; i++)
        {
            await AgeAsync(server, keys[i], now.AddDays(-10 + i));
        }

        var store = server.Services.GetRequiredService<IImageStore>();
        var sizes = new List<long>();
        foreach (var key in keys)
        {
            sizes.Add((await store.GetEntryAsync(key))!.Size);
        }

        // One byte less than everything: only the oldest image has to go.
        var evictor = Evictor(server, new EvictionSettings { MaxBytes = sizes.Sum() - 1 });
        var result = await evictor.RunOnceAsync(CancellationToken.None);

        Assert.Equal(1, result.Evicted);
        Assert.Equal(1, result.Blobs);
        Assert.Equal(sizes.Skip(1).Sum(), result.RemainingBytes);
        Assert.DoesNotContain(keys[0], await RemainingKeysAsync(server));
        Assert.Equal(3, (await RemainingKeysAsync(server)).Count);
        await AssertConsistentAsync(server, evicted: [Prompts[0]]);
    }

    [Fact]
    public async Task Entries_past_the_ttl_are_removed_even_when_hit()
    {
        await using var server = await CacheServer.StartAsync(_data.Path);
        var keys = await FillAsync(server);
        var now = DateTimeOffset.UtcNow;
        await AgeAsync(server, keys[0], now.AddDays(-3), lastHit: now, hits: 100);
        await AgeAsync(server, keys[1], now.AddDays(-2));

        var result = await Evictor(server, new EvictionSettings { Ttl = TimeSpan.FromDays(1) }).RunOnceAsync(CancellationToken.None);

        Assert.Equal(2, result.Expired);
        Assert.Equal(0, result.Evicted);
        Assert.Equal([keys[2], keys[3]], (await RemainingKeysAsync(server)).OrderBy(k => Array.IndexOf(keys, k)));
        await AssertConsistentAsync(server, evicted: [Prompts[0], Prompts[1]]);
    }

    [Fact]
    public async Task Within_the_limits_nothing_is_removed()
    {
        await using var server = await CacheServer.StartAsync(_data.Path);
        await FillAsync(server);

        var result = await Evictor(server, new EvictionSettings { MaxEntries = 4, Ttl = TimeSpan.FromDays(1) }).RunOnceAsync(CancellationToken.None);

        Assert.Equal(0, result.Expired + result.Evicted);
        Assert.Equal(4, (await RemainingKeysAsync(server)).Count);
    }

    private static CacheEvictor Evictor(CacheServer server, EvictionSettings limits) => new(
        server.Services.GetRequiredService<IImageStore>(),
        server.Services.GetRequiredService<CachePurger>(),
        limits,
        server.Services.GetRequiredService<CacheCounters>(),
        TimeProvider.System,
        NullLogger<CacheEvictor>.Instance);

    private static async Task<string[]> FillAsync(CacheServer server)
    {
        var keys = new List<string>();
        foreach (var prompt in Prompts)
        {
            var response = await server.GetAsync("/prompt/" + Uri.EscapeDataString(prompt));
            Assert.Equal("MISS", response.Headers.GetValues("X-Cache").Single());
            var key = response.Headers.GetValues("X-Cache-Key").Single();
            Assert.True(await server.WaitUntilIndexedAsync(key, TimeSpan.FromSeconds(20)));
            keys.Add(key);
        }

        return [.. keys];
    }

    private static async Task AgeAsync(CacheServer server, string key, DateTimeOffset created, DateTimeOffset? lastHit = null, long hits = 0)
    {
        var store = server.Services.GetRequiredService<IImageStore>();
        var entry = (await store.GetEntryAsync(key))!;
        await store.PutEntryAsync(entry with { Created = created, LastHit = lastHit, HitCount = hits });
    }

    private static async Task<List<string>> RemainingKeysAsync(CacheServer server)
    {
        var keys = new List<string>();
        await foreach (var entry in server.Services.GetRequiredService<IImageStore>().ListEntriesAsync())
        {
            keys.Add(entry.Key);
        }

        return keys;
    }

    /// <summary>Every vector the index returns leads to an existing image; evicted prompts are misses again.</summary>
    private static async Task AssertConsistentAsync(CacheServer server, string[] evicted)
    {
        var store = server.Services.GetRequiredService<IImageStore>();
        var index = server.Services.GetRequiredService<IVectorIndex>();
        var embedder = server.Services.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();
        var embedderId = server.Services.GetRequiredService<IPromptCoverage>().EmbedderId;
        var partitions = await index.CountByPartitionAsync();
        foreach (var prompt in Prompts)
        {
            var vector = (await embedder.GenerateAsync([prompt]))[0].Vector;
            foreach (var partition in partitions.Keys)
            {
                foreach (var candidate in await index.SearchAsync(partition, embedderId, vector, 10))
                {
                    Assert.True(await store.BlobExistsAsync(candidate.BlobSha256), $"vector {candidate.Key} points at a missing image");
                    Assert.NotNull(await store.GetEntryAsync(candidate.Key));
                }
            }
        }

        foreach (var prompt in evicted)
        {
            var response = await server.GetAsync("/prompt/" + Uri.EscapeDataString(prompt));
            Assert.Equal("MISS", response.Headers.GetValues("X-Cache").Single());
        }
    }
}
