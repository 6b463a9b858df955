namespace SemCache.Tests.Contracts;

/// <summary>Upsert, replace, remove and counts.</summary>
public abstract partial class VectorIndexContractTests
{
    [Fact]
    public async Task Upsert_SameEntryTwice_KeepsOneEntry()
    {
        var index = await CreateIndexAsync(Scope);
        var partition = Partition("p");
        var entry = Entry("e", partition, TestData.RandomUnit(1));

        await index.UpsertAsync(entry);
        await index.UpsertAsync(entry);
        await index.UpsertManyAsync([entry, entry]);

        Assert.Equal(1, (await index.CountByPartitionAsync())[partition]);
        Assert.Single(await index.SearchAsync(partition, EmbedderA, TestData.RandomUnit(1), 5));
    }

    [Fact]
    public async Task Upsert_ExistingKey_ReplacesPromptVectorAndBlob()
    {
        var index = await CreateIndexAsync(Scope);
        var partition = Partition("p");
        var query = TestData.RandomUnit(1);
        await index.UpsertAsync(Entry("e", partition, TestData.AtCosine(query, TestData.RandomUnit(2), 0.1f)));

        await index.UpsertAsync(Entry("e", partition, query) with { Prompt = "new prompt", BlobSha256 = Blob("new") });

        var found = Assert.Single(await index.SearchAsync(partition, EmbedderA, query, 5));
        Assert.Equal(Key("e"), found.Key);
        Assert.Equal("new prompt", found.Prompt);
        Assert.Equal(Blob("new"), found.BlobSha256);
        Assert.Equal(1f, found.Similarity, Tolerance);
    }

    [Fact]
    public async Task Upsert_ExistingKeyInAnotherPartition_MovesTheEntry()
    {
        var index = await CreateIndexAsync(Scope);
        var vector = TestData.RandomUnit(1);
        await index.UpsertAsync(Entry("e", Partition("old"), vector));
        await index.UpsertAsync(Entry("stays", Partition("old"), TestData.RandomUnit(2)));

        await index.UpsertAsync(Entry("e", Partition("new"), vector));

        Assert.Equal([Key("stays")], (await index.SearchAsync(Partition("old"), EmbedderA, vector, 5)).Select(c => c.Key));
        Assert.Equal([Key("e")], (await index.SearchAsync(Partition("new"), EmbedderA, vector, 5)).Select(c => c.Key));
        var counts = await index.CountByPartitionAsync();
        Assert.Equal(1, counts[Partition("old")]);
        Assert.Equal(1, counts[Partition("new")]);
    }

    [Fact]
    public async Task Remove_ThenReplaceAndRemoveOthers_KeepsTheRestIntact()
    {
        var index = await CreateIndexAsync(Scope);
        var partition = Partition("p");
        var vectors = Enumerable.Range(0, 5).Select(i => TestData.RandomUnit(10 + i)).ToList();
        await index.UpsertManyAsync([.. vectors.Select((v, i) => Entry($"e{i}", partition, v))]);

        Assert.True(await index.RemoveAsync(Key("e1")));
        await index.UpsertAsync(Entry("e4", partition, vectors[4]) with { Prompt = "prompt e4 again" });
        Assert.True(await index.RemoveAsync(Key("e3")));

        Assert.False(await index.ContainsAsync(Key("e1")));
        Assert.False(await index.ContainsAsync(Key("e3")));
        Assert.Equal(3, (await index.CountByPartitionAsync())[partition]);
        foreach (var (i, prompt) in new[] { (0, "prompt e0"), (2, "prompt e2"), (4, "prompt e4 again") })
        {
            var best = (await index.SearchAsync(partition, EmbedderA, vectors[i], 5))[0];
            Assert.Equal(Key($"e{i}"), best.Key);
            Assert.Equal(prompt, best.Prompt);
            Assert.Equal(Blob($"e{i}"), best.BlobSha256);
            Assert.Equal(1f, best.Similarity, Tolerance);
        }
    }

    [Fact]
    public async Task Remove_MissingKey_ReturnsFalse()
    {
        var index = await CreateIndexAsync(Scope);
        await index.UpsertAsync(Entry("e", Partition("p"), TestData.RandomUnit(1)));

        Assert.True(await index.RemoveAsync(Key("e")));
        Assert.False(await index.RemoveAsync(Key("e")));
        Assert.False(await index.RemoveAsync(Key("never")));
    }

    [Fact]
    public async Task Contains_ReflectsUpsertAndRemove()
    {
        var index = await CreateIndexAsync(Scope);
        Assert.False(await index.ContainsAsync(Key("e")));

        await index.UpsertAsync(Entry("e", Partition("p"), TestData.RandomUnit(1)));
        Assert.True(await index.ContainsAsync(Key("e")));

        await index.RemoveAsync(Key("e"));
        Assert.False(await index.ContainsAsync(Key("e")));
    }

    [Fact]
    public async Task CountByPartition_CountsEveryEmbedderOfEachPartition()
    {
        var index = await CreateIndexAsync(Scope);
        await index.UpsertManyAsync(
        [
            Entry("a1", Partition("a"), TestData.RandomUnit(1)),
            Entry("a2", Partition("a"), TestData.RandomUnit(2)),
            Entry("a3", Partition("a"), TestData.RandomUnit(3), EmbedderB),
            Entry("b1", Partition("b"), TestData.RandomUnit(4)),
        ]);

        var counts = await index.CountByPartitionAsync();

        Assert.Equal(3, counts[Partition("a")]);
        Assert.Equal(1, counts[Partition("b")]);
        Assert.False(counts.ContainsKey(Partition("c")));
    }
}
