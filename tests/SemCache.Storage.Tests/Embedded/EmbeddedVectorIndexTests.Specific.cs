using SemCache.Core.Index;
using SemCache.Index.Embedded;
using SemCache.Tests.Contracts;

namespace SemCache.Tests.Embedded;

/// <summary>What the embedded index promises beyond the contract: validation, crash safety, its file.</summary>
public sealed partial class EmbeddedVectorIndexTests
{
    [Fact]
    public void Open_CreatesTheDatabaseFileInTheDirectory()
    {
        using var index = EmbeddedVectorIndex.Open(_root.Sub("file"));

        Assert.True(File.Exists(Path.Combine(_root.Sub("file"), EmbeddedVectorIndex.FileName)));
    }

    [Fact]
    public async Task Reopen_AfterDroppingAnUndisposedInstance_FindsEveryEntry()
    {
        var directory = _root.Sub("crash");
        await WriteAndAbandonAsync(directory, 50);

        using var reopened = EmbeddedVectorIndex.Open(directory);

        Assert.Equal(50, (await reopened.CountByPartitionAsync())[Partition("crash")]);
        for (var i = 0; i < 50; i++)
        {
            var best = (await reopened.SearchAsync(Partition("crash"), EmbedderA, TestData.RandomUnit(i), 1))[0];
            Assert.Equal(Key($"c{i}"), best.Key);
        }
    }

    [Fact]
    public async Task Search_ManyRandomVectors_MatchesBruteForceExactly()
    {
        var index = await CreateIndexAsync(Scope);
        var partition = Partition("random");
        var vectors = Enumerable.Range(0, 500).Select(i => TestData.RandomUnit(1000 + i)).ToList();
        await index.UpsertManyAsync([.. vectors.Select((v, i) => Entry($"r{i}", partition, v))]);

        for (var q = 0; q < 5; q++)
        {
            var query = TestData.RandomUnit(5000 + q);
            var expected = vectors.Select((v, i) => (Score: TestData.Dot(query, v), Key: Key($"r{i}")))
                .OrderByDescending(x => x.Score).Take(10).ToList();

            var found = await index.SearchAsync(partition, EmbedderA, query, 10);

            Assert.Equal(expected.Select(x => x.Key), found.Select(c => c.Key));
            Assert.All(expected.Zip(found), pair => Assert.Equal(pair.First.Score, pair.Second.Similarity, Tolerance));
        }
    }

    [Theory]
    [InlineData("not-hex")]
    [InlineData("../../etc/passwd")]
    [InlineData("ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789")]
    [InlineData("abcdef0123456789abcdef0123456789abcdef0123456789abcdef012345678")]
    public async Task Upsert_KeyOrBlobNotLowercaseSha256Hex_IsRejectedAndWritesNothing(string bad)
    {
        var index = await CreateIndexAsync(Scope);
        var good = Entry("good", Partition("p"), TestData.RandomUnit(1));

        await Assert.ThrowsAsync<ArgumentException>(() => index.UpsertAsync(good with { Key = bad }));
        await Assert.ThrowsAsync<ArgumentException>(() => index.UpsertManyAsync([good, good with { BlobSha256 = bad }]));

        Assert.Empty(await index.CountByPartitionAsync());
        Assert.False(await index.ContainsAsync(bad));
        Assert.False(await index.RemoveAsync(bad));
    }

    [Fact]
    public async Task Upsert_VectorOfAnotherDimensionForTheSameEmbedder_IsRejected()
    {
        var index = await CreateIndexAsync(Scope);
        await index.UpsertAsync(Entry("a", Partition("p"), TestData.RandomUnit(1)));

        await Assert.ThrowsAsync<ArgumentException>(
            () => index.UpsertAsync(Entry("b", Partition("other"), TestData.RandomUnit(2, dimension: 8))));
        await Assert.ThrowsAsync<ArgumentException>(
            () => index.SearchAsync(Partition("p"), EmbedderA, TestData.RandomUnit(3, dimension: 8), 5));

        await index.UpsertAsync(Entry("c", Partition("p"), TestData.RandomUnit(4, dimension: 8), EmbedderB));
        Assert.False(await index.ContainsAsync(Key("b")));
        Assert.Equal(2, (await index.CountByPartitionAsync())[Partition("p")]);
    }

    [Fact]
    public async Task Upsert_ZeroOrNonFiniteVector_IsRejected()
    {
        var index = await CreateIndexAsync(Scope);
        var nan = TestData.RandomUnit(1);
        nan[7] = float.NaN;

        await Assert.ThrowsAsync<ArgumentException>(() => index.UpsertAsync(Entry("z", Partition("p"), new float[384])));
        await Assert.ThrowsAsync<ArgumentException>(() => index.UpsertAsync(Entry("n", Partition("p"), nan)));

        Assert.Empty(await index.CountByPartitionAsync());
    }

    [Fact]
    public async Task Search_UnnormalisedVectors_ScoresTheirCosine()
    {
        var index = await CreateIndexAsync(Scope);
        var query = TestData.RandomUnit(1);
        var stored = TestData.AtCosine(query, TestData.RandomUnit(2), 0.6f);
        await index.UpsertAsync(Entry("scaled", Partition("p"), [.. stored.Select(x => x * 7)]));

        var found = await index.SearchAsync(Partition("p"), EmbedderA, query.Select(x => x * 0.25f).ToArray(), 1);

        Assert.Equal(0.6f, Assert.Single(found).Similarity, Tolerance);
    }

    [Fact]
    public async Task Dispose_ThenUse_ThrowsObjectDisposed()
    {
        var index = EmbeddedVectorIndex.Open(_root.Sub("disposed"));
        index.Dispose();
        index.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(
            () => index.UpsertAsync(Entry("e", Partition("p"), TestData.RandomUnit(1))));
        await Assert.ThrowsAsync<ObjectDisposedException>(
            () => index.SearchAsync(Partition("p"), EmbedderA, TestData.RandomUnit(1), 1));
    }

    /// <summary>Writes, then lets go of the instance without Dispose, as a killed process would.</summary>
    private async Task WriteAndAbandonAsync(string directory, int count)
    {
        IVectorIndex index = EmbeddedVectorIndex.Open(directory);
        for (var i = 0; i < count; i++)
        {
            await index.UpsertAsync(Entry($"c{i}", Partition("crash"), TestData.RandomUnit(i)));
        }
    }
}
