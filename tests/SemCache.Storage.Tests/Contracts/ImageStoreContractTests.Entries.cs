using SemCache.Core.Storage;

namespace SemCache.Tests.Contracts;

/// <summary>Entries, persistence and concurrent writers.</summary>
public abstract partial class ImageStoreContractTests
{
    [Fact]
    public async Task PutEntry_ThenGet_RoundTripsEveryField()
    {
        var store = await CreateStoreAsync(Scope);
        var entry = Entry("full") with
        {
            LastHit = new DateTimeOffset(2026, 11, 25, 4, 5, 6, TimeSpan.FromHours(-7)).AddTicks(1234567),
            HitCount = 42,
            OriginMilliseconds = 1234.5678,
            AliasOf = Key("origin"),
        };

        await store.PutEntryAsync(entry);
        var read = await store.GetEntryAsync(entry.Key);

        AssertSameEntry(entry, read);
    }

    [Fact]
    public async Task PutEntry_ExistingKey_ReplacesIt()
    {
        var store = await CreateStoreAsync(Scope);
        await store.PutEntryAsync(Entry("e"));
        var second = Entry("e") with { HitCount = 7, Prompt = "replaced", LastHit = DateTimeOffset.UnixEpoch };

        await store.PutEntryAsync(second);

        AssertSameEntry(second, await store.GetEntryAsync(Key("e")));
    }

    [Fact]
    public async Task GetEntry_Missing_ReturnsNull()
    {
        var store = await CreateStoreAsync(Scope);

        Assert.Null(await store.GetEntryAsync(Key("missing")));
    }

    [Fact]
    public async Task DeleteEntry_RemovesItAndReportsWhetherItExisted()
    {
        var store = await CreateStoreAsync(Scope);
        await store.PutEntryAsync(Entry("deleted"));
        await store.PutEntryAsync(Entry("kept"));

        Assert.True(await store.DeleteEntryAsync(Key("deleted")));
        Assert.False(await store.DeleteEntryAsync(Key("deleted")));

        Assert.Null(await store.GetEntryAsync(Key("deleted")));
        Assert.NotNull(await store.GetEntryAsync(Key("kept")));
    }

    [Fact]
    public async Task Delete_NeverStoredKeyOrDigest_ReturnsFalse()
    {
        var store = await CreateStoreAsync(Scope);

        Assert.False(await store.DeleteEntryAsync(Key("never")));
        Assert.False(await store.DeleteBlobAsync(TestData.Hex($"{Scope}/never")));
    }

    [Fact]
    public async Task ListEntries_ReturnsEveryStoredEntryOnce()
    {
        var store = await CreateStoreAsync(Scope);
        var names = Enumerable.Range(0, 6).Select(i => $"e{i}").ToList();
        foreach (var name in names)
        {
            await store.PutEntryAsync(Entry(name));
        }

        await store.DeleteEntryAsync(Key("e0"));

        var ours = names.Select(Key).ToHashSet();
        var listed = new List<CacheEntry>();
        await foreach (var entry in store.ListEntriesAsync())
        {
            if (ours.Contains(entry.Key))
            {
                listed.Add(entry);
            }
        }

        Assert.Equal(names.Skip(1).Select(Key).Order(), listed.Select(e => e.Key).Order());
        Assert.All(listed, e => AssertSameEntry(Entry(names.Single(n => Key(n) == e.Key)), e));
    }

    [Fact]
    public async Task Reopen_KeepsBlobsAndEntries()
    {
        var store = await CreateStoreAsync(Scope);
        var bytes = Png("persisted");
        var sha = await store.PutBlobAsync(bytes, "image/png");
        var entry = Entry("persisted") with { BlobSha256 = sha, Size = bytes.Length };
        await store.PutEntryAsync(entry);
        await store.PutEntryAsync(Entry("gone"));
        await store.DeleteEntryAsync(Key("gone"));

        var reopened = await ReopenStoreAsync(Scope);

        Assert.Equal(bytes, (await reopened.GetBlobAsync(sha))?.Bytes);
        AssertSameEntry(entry, await reopened.GetEntryAsync(entry.Key));
        Assert.Null(await reopened.GetEntryAsync(Key("gone")));
    }

    [Fact]
    public async Task ConcurrentPuts_LoseNothingAndNeverTearAnEntry()
    {
        var store = await CreateStoreAsync(Scope);
        var distinct = Enumerable.Range(0, 40).Select(i => Task.Run(() => store.PutEntryAsync(Entry($"c{i}"))));
        var sameKey = Enumerable.Range(0, 20).Select(i => Task.Run(() =>
            store.PutEntryAsync(Entry("contended") with { HitCount = i, Prompt = new string('x', 1000 * (i + 1)) })));
        var sameBlob = Enumerable.Range(0, 10).Select(_ => Task.Run(() => store.PutBlobAsync(Png("contended"), "image/png")));

        await Task.WhenAll([.. distinct, .. sameKey, .. sameBlob]);

        for (var i = 0; i < 40; i++)
        {
            AssertSameEntry(Entry($"c{i}"), await store.GetEntryAsync(Key($"c{i}")));
        }

        var contended = await store.GetEntryAsync(Key("contended"));
        Assert.NotNull(contended);
        Assert.Equal(new string('x', 1000 * ((int)contended.HitCount + 1)), contended.Prompt);
        Assert.Equal(Png("contended"), (await store.GetBlobAsync(TestData.Hex(Png("contended"))))?.Bytes);
    }

    protected string Key(string name) => TestData.Hex($"{Scope}/key/{name}");

    protected CacheEntry Entry(string name) => new()
    {
        Key = Key(name),
        BlobSha256 = TestData.Hex($"{Scope}/blob/{name}"),
        ContentType = "image/jpeg",
        Size = 12345,
        Prompt = $"a lighthouse at dusk, {name}, «ünïcode» 灯台",
        Partition = TestData.Hex($"{Scope}/partition"),
        Parameters = new Dictionary<string, string> { ["model"] = "flux", ["width"] = "1024", ["height"] = "768" },
        Created = new DateTimeOffset(2026, 11, 25, 3, 4, 5, TimeSpan.FromHours(2)).AddTicks(9876543),
    };

    protected static void AssertSameEntry(CacheEntry expected, CacheEntry? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected.Parameters.OrderBy(p => p.Key), actual.Parameters.OrderBy(p => p.Key));
        Assert.Equal(expected.Created, actual.Created);
        Assert.Equal(expected.Created.Offset, actual.Created.Offset);
        Assert.Equal(expected.LastHit, actual.LastHit);
        Assert.Equal(expected.LastHit?.Offset, actual.LastHit?.Offset);

        // Records compare the dictionary by reference; with it swapped in, every other field compares by value.
        Assert.Equal(expected, actual with { Parameters = expected.Parameters });
    }
}
