using SemCache.Core.Index;

namespace SemCache.Tests.Contracts;

/// <summary>
/// What every <see cref="IVectorIndex"/> must do. A backend subclasses this and supplies instances; each test gets its
/// own <see cref="Scope"/> and derives every key and partition from it, so tests can share one server.
/// All vectors are 384-d unit vectors.
/// </summary>
public abstract partial class VectorIndexContractTests
{
    protected const string EmbedderA = "contract-embedder-a@1";
    protected const string EmbedderB = "contract-embedder-b@1";
    protected const float Tolerance = 1e-4f;

    protected VectorIndexContractTests()
    {
        Scope = "t" + Guid.NewGuid().ToString("N");
    }

    /// <summary>Unique per test (xunit makes a new instance for each).</summary>
    protected string Scope { get; }

    /// <summary>A new, empty index for the scope.</summary>
    protected abstract Task<IVectorIndex> CreateIndexAsync(string scope);

    /// <summary>A new instance over the scope's existing storage; earlier instances of the scope are not used again.</summary>
    protected abstract Task<IVectorIndex> ReopenIndexAsync(string scope);

    [Fact]
    public async Task Search_ReturnsTheTopKBestFirst_WithTheirSimilarities()
    {
        var index = await CreateIndexAsync(Scope);
        var query = TestData.RandomUnit(1);
        var tilt = TestData.RandomUnit(2);
        var partition = Partition("main");
        float[] cosines = [0.95f, 0.5f, 0.9f, 0.1f, 0.7f, 0.8f, -0.3f, 0.6f];
        await index.UpsertManyAsync(
            cosines.Select((c, i) => Entry($"e{i}", partition, TestData.AtCosine(query, tilt, c))).ToList());

        var found = await index.SearchAsync(partition, EmbedderA, query, 5);

        var expected = cosines.Select((c, i) => (Cosine: c, Name: $"e{i}")).OrderByDescending(x => x.Cosine).Take(5).ToList();
        Assert.Equal(expected.Select(x => Key(x.Name)), found.Select(c => c.Key));
        Assert.All(expected.Zip(found), pair => Assert.Equal(pair.First.Cosine, pair.Second.Similarity, Tolerance));
        Assert.All(expected.Zip(found), pair => Assert.Equal($"prompt {pair.First.Name}", pair.Second.Prompt));
        Assert.All(expected.Zip(found), pair => Assert.Equal(Blob(pair.First.Name), pair.Second.BlobSha256));
    }

    [Fact]
    public async Task Search_ReturnsEachCandidatesStoredVector()
    {
        // The lookup scores a stored prompt against a re-glossed query with it instead of embedding the prompt again.
        var index = await CreateIndexAsync(Scope);
        var partition = Partition("vectors");
        var vectors = Enumerable.Range(0, 4).Select(i => TestData.RandomUnit(10 + i)).ToArray();
        await index.UpsertManyAsync([.. vectors.Select((v, i) => Entry($"e{i}", partition, v))]);

        var found = await index.SearchAsync(partition, EmbedderA, vectors[2], 3);

        Assert.Equal(Key("e2"), found[0].Key);
        Assert.All(found, c =>
        {
            var stored = vectors[int.Parse(c.Prompt["prompt e".Length..], System.Globalization.CultureInfo.InvariantCulture)];
            Assert.NotNull(c.Vector);
            Assert.Equal(stored.Length, c.Vector!.Length);
            Assert.All(stored.Zip(c.Vector), p => Assert.Equal(p.First, p.Second, Tolerance));
        });
    }

    [Fact]
    public async Task Search_CountAbovePartitionSize_ReturnsEveryEntryOnce()
    {
        var index = await CreateIndexAsync(Scope);
        var partition = Partition("small");
        await index.UpsertManyAsync([.. Enumerable.Range(0, 3).Select(i => Entry($"e{i}", partition, TestData.RandomUnit(i)))]);

        var found = await index.SearchAsync(partition, EmbedderA, TestData.RandomUnit(99), 10);

        Assert.Equal(3, found.Count);
        Assert.Equal(3, found.Select(c => c.Key).Distinct().Count());
        Assert.True(found[0].Similarity >= found[1].Similarity && found[1].Similarity >= found[2].Similarity);
    }

    [Fact]
    public async Task Search_UnknownPartition_ReturnsNothing()
    {
        var index = await CreateIndexAsync(Scope);
        await index.UpsertAsync(Entry("e", Partition("known"), TestData.RandomUnit(1)));

        var found = await index.SearchAsync(Partition("unknown"), EmbedderA, TestData.RandomUnit(1), 5);

        Assert.Empty(found);
    }

    [Fact]
    public async Task Search_NeverReturnsEntriesOfAnotherPartition()
    {
        var index = await CreateIndexAsync(Scope);
        var query = TestData.RandomUnit(1);
        await index.UpsertAsync(Entry("far", Partition("mine"), TestData.AtCosine(query, TestData.RandomUnit(2), 0.2f)));
        await index.UpsertAsync(Entry("exact", Partition("other"), query));

        var found = await index.SearchAsync(Partition("mine"), EmbedderA, query, 5);

        Assert.Equal([Key("far")], found.Select(c => c.Key));
    }

    [Fact]
    public async Task Search_NeverMixesEmbedders()
    {
        var index = await CreateIndexAsync(Scope);
        var partition = Partition("shared");
        var query = TestData.RandomUnit(1);
        await index.UpsertAsync(Entry("a", partition, TestData.AtCosine(query, TestData.RandomUnit(2), 0.3f), EmbedderA));
        await index.UpsertAsync(Entry("b", partition, query, EmbedderB));

        var fromA = await index.SearchAsync(partition, EmbedderA, query, 5);
        var fromB = await index.SearchAsync(partition, EmbedderB, query, 5);

        Assert.Equal([Key("a")], fromA.Select(c => c.Key));
        Assert.Equal([Key("b")], fromB.Select(c => c.Key));
    }

    protected string Key(string name) => TestData.Hex($"{Scope}/key/{name}");

    protected string Partition(string name) => TestData.Hex($"{Scope}/partition/{name}");

    protected string Blob(string name) => TestData.Hex($"{Scope}/blob/{name}");

    protected IndexEntry Entry(string name, string partition, float[] vector, string embedderId = EmbedderA) => new()
    {
        Key = Key(name),
        Partition = partition,
        EmbedderId = embedderId,
        Prompt = $"prompt {name}",
        Vector = vector,
        BlobSha256 = Blob(name),
        Created = new DateTimeOffset(2026, 11, 25, 3, 0, 0, TimeSpan.Zero),
    };
}
