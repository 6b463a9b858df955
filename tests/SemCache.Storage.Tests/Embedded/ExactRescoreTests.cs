using System.Collections.Concurrent;
using SemCache.Core.Index;
using SemCache.Core.Numerics;
using SemCache.Index.Embedded;
using SemCache.Tests.Contracts;

namespace SemCache.Tests.Embedded;

/// <summary>
/// Candidates come from int8 codes (scan) or the int8 graph; what a search returns must still be the fp32 cosine of
/// each row's stored vector, ordered by it, for the rows that exist when the search reads them.
/// </summary>
public sealed class ExactRescoreTests : IDisposable
{
    private const string Embedder = "rescore-embedder@1";
    private static readonly ApproximateSearchOptions Scan = new() { MinRows = 0 };
    private static readonly ApproximateSearchOptions Graph = new() { MinRows = 1, BuildInBackground = false };

    private readonly TempDirectory _root = new("semcache-rescore");
    private readonly string _scope = "t" + Guid.NewGuid().ToString("N");
    private Dictionary<string, int>? _numbers;

    public void Dispose() => _root.Dispose();

    public static TheoryData<string> Modes => ["scan", "graph"];

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task Near_ties_finer_than_int8_are_ordered_and_scored_by_their_fp32_cosine(string mode)
    {
        using var index = EmbeddedVectorIndex.Open(_root.Sub(mode), Options(mode));
        var query = TestData.RandomUnit(1);
        var tilt = TestData.RandomUnit(2);

        // Cosines 1e-4 apart: far below what an int8 code resolves, so only the fp32 re-score can order them.
        var vectors = Enumerable.Range(0, 40).Select(i => TestData.AtCosine(query, tilt, 0.9f + (i * 1e-4f))).ToArray();
        await index.UpsertManyAsync(vectors.Select((v, i) => Entry("e" + i, v)).ToList());

        var found = await index.SearchAsync("p", Embedder, query, 5);

        Assert.Equal(Enumerable.Range(35, 5).Reverse().Select(i => Key("e" + i)), found.Select(c => c.Key));
        Assert.All(found, c => Assert.Equal(Exact(query, vectors[KeyNumber(c.Key)]), c.Similarity));
        Assert.All(found, c => Assert.Equal("prompt " + KeyNumber(c.Key), c.Prompt));
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task A_search_racing_deletes_and_rewrites_returns_only_live_rows_with_exact_scores(string mode)
    {
        using var index = EmbeddedVectorIndex.Open(_root.Sub(mode), Options(mode));
        var before = Enumerable.Range(0, 400).Select(i => TestData.RandomUnit(i)).ToArray();
        var after = Enumerable.Range(0, 400).Select(i => TestData.RandomUnit(10_000 + i)).ToArray();
        await index.UpsertManyAsync(before.Select((v, i) => Entry("e" + i, v)).ToList());

        // Even rows are removed, odd rows get a new vector, one write at a time, while searches run.
        var writer = Task.Run(async () =>
        {
            for (var i = 0; i < 400; i++)
            {
                if (i % 2 == 0)
                {
                    Assert.True(await index.RemoveAsync(Key("e" + i)));
                }
                else
                {
                    await index.UpsertAsync(Entry("e" + i, after[i]));
                }
            }
        });
        var problems = new ConcurrentBag<string>();
        var searches = Enumerable.Range(0, 2).Select(t => Task.Run(async () =>
        {
            for (var q = 0; !writer.IsCompleted || q < 50; q++)
            {
                var query = TestData.RandomUnit(q % 400);
                var found = await index.SearchAsync("p", Embedder, query, 5);
                for (var i = 0; i < found.Count; i++)
                {
                    var row = KeyNumber(found[i].Key);
                    if (found[i].Similarity != Exact(query, before[row]) && found[i].Similarity != Exact(query, after[row]))
                    {
                        problems.Add($"{found[i].Key}: {found[i].Similarity} is neither vector's cosine");
                    }

                    if (i > 0 && found[i].Similarity > found[i - 1].Similarity)
                    {
                        problems.Add("results out of order");
                    }
                }
            }
        })).ToArray();

        await writer;
        await Task.WhenAll(searches);
        Assert.Empty(problems);

        for (var i = 1; i < 400; i += 2)
        {
            var found = await index.SearchAsync("p", Embedder, after[i], 5);
            Assert.Equal(Key("e" + i), found[0].Key);
            Assert.Equal(Exact(after[i], after[i]), found[0].Similarity);
            Assert.All(found, c => Assert.True(KeyNumber(c.Key) % 2 == 1, "a removed row was returned"));
        }
    }

    [Theory]
    [InlineData(3)]
    [InlineData(37)]
    [InlineData(1024)]
    public async Task Dimensions_that_are_not_a_multiple_of_the_simd_width_rank_candidates_like_fp32(int dimension)
    {
        using var index = EmbeddedVectorIndex.Open(_root.Sub("d" + dimension), Scan with { Candidates = 1 });
        var vectors = Enumerable.Range(0, 100).Select(i => TestData.RandomUnit(i, dimension)).ToArray();
        await index.UpsertManyAsync(vectors.Select((v, i) => Entry("e" + i, v)).ToList());

        // With a single candidate the int8 ranking alone decides which row comes back; on well separated rows it
        // must be the fp32 nearest.
        for (var i = 0; i < 100; i += 9)
        {
            var found = Assert.Single(await index.SearchAsync("p", Embedder, vectors[i], 1));
            Assert.Equal(Key("e" + i), found.Key);
            Assert.Equal(Exact(vectors[i], vectors[i]), found.Similarity);
        }
    }

    [Fact]
    public async Task After_a_crash_the_stale_graph_is_rebuilt_from_the_rows_on_disk()
    {
        var directory = _root.Sub("crash");
        using (var index = EmbeddedVectorIndex.Open(directory, Graph))
        {
            await index.UpsertManyAsync(Enumerable.Range(0, 300).Select(i => Entry("e" + i, TestData.RandomUnit(i))).ToList());
        }

        // Writes after the graph was saved, then the instance is dropped without Dispose, as a killed process would.
        var abandoned = EmbeddedVectorIndex.Open(directory, Graph);
        Assert.True(await abandoned.RemoveAsync(Key("e7")));
        await abandoned.UpsertAsync(Entry("e300", TestData.RandomUnit(7)));
        await abandoned.UpsertAsync(Entry("e8", TestData.RandomUnit(1008)));

        using var reopened = EmbeddedVectorIndex.Open(directory, Graph);
        Assert.Equal(1, reopened.GraphCount);
        var found = await reopened.SearchAsync("p", Embedder, TestData.RandomUnit(7), 3);
        Assert.Equal(Key("e300"), found[0].Key);
        Assert.Equal(Exact(TestData.RandomUnit(7), TestData.RandomUnit(7)), found[0].Similarity);
        Assert.DoesNotContain(found, c => c.Key == Key("e7"));
        var moved = await reopened.SearchAsync("p", Embedder, TestData.RandomUnit(1008), 1);
        Assert.Equal(Key("e8"), moved[0].Key);
        Assert.Equal(300, (await reopened.CountByPartitionAsync())["p"]);
    }

    [Fact]
    public async Task A_label_clash_drops_the_graph_and_every_row_is_still_found_from_the_codes_read_back()
    {
        using var index = EmbeddedVectorIndex.Open(_root.Sub("clash"), Graph);
        await index.UpsertManyAsync(Enumerable.Range(0, 200).Select(i => Entry("e" + i, TestData.RandomUnit(i))).ToList());
        Assert.Equal(1, index.GraphCount);

        // Same first 64 bits as e5's key; rows after it in the same batch are applied after the codes are read back.
        var clash = Key("e5")[..16] + new string('0', 48);
        await index.UpsertManyAsync(
        [
            Entry("e5", TestData.RandomUnit(5)) with { Key = clash },
            Entry("e200", TestData.RandomUnit(200)),
            Entry("e3", TestData.RandomUnit(3003)),
        ]);

        Assert.Equal(0, index.GraphCount);
        for (var i = 0; i <= 200; i += 5)
        {
            var vector = TestData.RandomUnit(i);
            var found = await index.SearchAsync("p", Embedder, vector, 2);
            Assert.Equal(Exact(vector, vector), found[0].Similarity);
            Assert.Contains(found[0].Key, (string[])(i == 5 ? [Key("e5"), clash] : [Key("e" + i)]));
        }

        Assert.Equal(Key("e3"), (await index.SearchAsync("p", Embedder, TestData.RandomUnit(3003), 1))[0].Key);
    }

    private static ApproximateSearchOptions Options(string mode) => mode == "graph" ? Graph : Scan;

    /// <summary>The cosine exactly as the index computes it: both vectors normalised, then one fp32 dot product.</summary>
    private static float Exact(float[] query, float[] stored)
    {
        var q = (float[])query.Clone();
        var s = (float[])stored.Clone();
        VectorMath.NormalizeInPlace(q);
        VectorMath.NormalizeInPlace(s);
        return VectorMath.Dot(q, s);
    }

    private string Key(string name) => TestData.Hex($"{_scope}/key/{name}");

    private int KeyNumber(string key)
    {
        _numbers ??= Enumerable.Range(0, 401).ToDictionary(i => Key("e" + i));
        return _numbers[key];
    }

    private IndexEntry Entry(string name, float[] vector) => new()
    {
        Key = Key(name),
        Partition = "p",
        EmbedderId = Embedder,
        Prompt = "prompt " + name[1..],
        Vector = vector,
        BlobSha256 = TestData.Hex($"{_scope}/blob/{name}"),
        Created = new DateTimeOffset(2026, 12, 7, 0, 0, 0, TimeSpan.Zero),
    };
}
