using SemCache.Core.Index;

namespace SemCache.Tests.Contracts;

/// <summary>The streaming listing of stored vectors (what verify uses to find vectors without an entry).</summary>
public abstract partial class VectorIndexContractTests
{
    [Fact]
    public async Task List_EmptyIndex_YieldsNothing()
    {
        var index = await CreateIndexAsync(Scope);

        Assert.Empty(await ListAsync(index));
    }

    [Fact]
    public async Task List_YieldsEveryStoredKeyOnce_WithItsPartitionAndEmbedder_AcrossPages()
    {
        // More rows than a PostgreSQL page (1,000) twice over, so page boundaries are crossed.
        const int Count = 2_345;
        var index = await CreateIndexAsync(Scope);
        var expected = new Dictionary<string, IndexedKey>(StringComparer.Ordinal);
        var entries = Enumerable.Range(0, Count).Select(i => Entry(
            $"e{i}",
            Partition($"p{i % 3}"),
            TestData.RandomUnit(i),
            i % 5 == 0 ? EmbedderB : EmbedderA)).ToList();
        foreach (var chunk in entries.Chunk(500))
        {
            await index.UpsertManyAsync(chunk);
        }

        foreach (var e in entries)
        {
            expected[e.Key] = new IndexedKey(e.Key, e.Partition, e.EmbedderId);
        }

        // A moved entry is listed under its new partition and embedder, a removed one not at all.
        var moved = Entry("e7", Partition("moved"), TestData.RandomUnit(7), EmbedderB);
        await index.UpsertAsync(moved);
        expected[moved.Key] = new IndexedKey(moved.Key, moved.Partition, EmbedderB);
        foreach (var name in (string[])["e0", "e999", "e1000", "e2344"])
        {
            Assert.True(await index.RemoveAsync(Key(name)));
            expected.Remove(Key(name));
        }

        var listed = await ListAsync(index);

        Assert.Equal(expected.Count, listed.Count);
        Assert.Equal(listed.Count, listed.Select(k => k.Key).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(
            expected.Values.OrderBy(k => k.Key, StringComparer.Ordinal),
            listed.OrderBy(k => k.Key, StringComparer.Ordinal));
    }

    [Fact]
    public async Task List_AfterReopen_SeesWhatWasStored()
    {
        var index = await CreateIndexAsync(Scope);
        await index.UpsertManyAsync([Entry("a", Partition("p"), TestData.RandomUnit(1)), Entry("b", Partition("q"), TestData.RandomUnit(2), EmbedderB)]);

        var reopened = await ReopenIndexAsync(Scope);

        Assert.Equal(
            [new IndexedKey(Key("a"), Partition("p"), EmbedderA), new IndexedKey(Key("b"), Partition("q"), EmbedderB)],
            (await ListAsync(reopened)).OrderBy(k => k.Key == Key("a") ? 0 : 1));
    }

    private static async Task<List<IndexedKey>> ListAsync(IVectorIndex index)
    {
        var listed = new List<IndexedKey>();
        await foreach (var key in index.ListAsync())
        {
            listed.Add(key);
        }

        return listed;
    }
}
