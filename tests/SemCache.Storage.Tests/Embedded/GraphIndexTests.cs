using SemCache.Core.Index;
using SemCache.Index.Embedded;
using SemCache.Tests.Contracts;

namespace SemCache.Tests.Embedded;

/// <summary>
/// The contract suite on the embedded index with every partition searched through its HNSW graph (built at once),
/// plus what the graph adds: it is saved beside SQLite, reused when it matches, rebuilt when missing, stale or
/// corrupt, removals leave it, and results keep exact similarities.
/// </summary>
public sealed class GraphIndexTests : VectorIndexContractTests, IDisposable
{
    private static readonly ApproximateSearchOptions Always = new() { MinRows = 1, BuildInBackground = false };

    private readonly TempDirectory _root = new("semcache-graph");
    private readonly List<EmbeddedVectorIndex> _open = [];

    public void Dispose()
    {
        CloseAll();
        _root.Dispose();
    }

    protected override Task<IVectorIndex> CreateIndexAsync(string scope) => Task.FromResult<IVectorIndex>(Open(scope, Always));

    protected override Task<IVectorIndex> ReopenIndexAsync(string scope)
    {
        CloseAll();
        return Task.FromResult<IVectorIndex>(Open(scope, Always));
    }

    [Fact]
    public async Task Searches_go_through_the_graph_and_find_the_exact_nearest_with_its_exact_similarity()
    {
        var index = Open(Scope, Always);
        var partition = Partition("big");
        await index.UpsertManyAsync(Enumerable.Range(0, 2000).Select(i => Entry("e" + i, partition, TestData.RandomUnit(i))).ToList());
        Assert.Equal(1, index.GraphCount);

        for (var q = 0; q < 50; q++)
        {
            var query = TestData.AtCosine(TestData.RandomUnit(q * 37), TestData.RandomUnit(100_000 + q), 0.9f);
            var found = await index.SearchAsync(partition, EmbedderA, query, 3);
            Assert.Equal(Key("e" + (q * 37)), found[0].Key);
            Assert.Equal(0.9f, found[0].Similarity, 3);
        }
    }

    [Fact]
    public async Task The_graph_is_saved_and_reused_when_it_matches_the_rows()
    {
        var directory = _root.Sub(Scope);
        var partition = Partition("p");
        using (var index = Open(Scope, Always))
        {
            await index.UpsertManyAsync(Enumerable.Range(0, 300).Select(i => Entry("e" + i, partition, TestData.RandomUnit(i))).ToList());
        }

        var graph = Assert.Single(Directory.GetFiles(Path.Combine(directory, "graphs"), "*.usearch"));
        var written = File.GetLastWriteTimeUtc(graph);

        // With graphs built in the background, a matching file is attached at open, before any build could finish.
        using (var reopened = Open(Scope, Always with { BuildInBackground = true }))
        {
            Assert.Equal(1, reopened.GraphCount);
            Assert.Equal(Key("e7"), (await reopened.SearchAsync(partition, EmbedderA, TestData.RandomUnit(7), 1))[0].Key);
        }

        Assert.Equal(written, File.GetLastWriteTimeUtc(graph)); // unchanged, so not written again
    }

    [Fact]
    public async Task A_stale_graph_is_rebuilt_and_a_removed_row_is_never_found()
    {
        var partition = Partition("p");
        using (var index = Open(Scope, Always))
        {
            await index.UpsertManyAsync(Enumerable.Range(0, 300).Select(i => Entry("e" + i, partition, TestData.RandomUnit(i))).ToList());
        }

        var graph = Assert.Single(Directory.GetFiles(Path.Combine(_root.Sub(Scope), "graphs"), "*.usearch"));
        var saved = await File.ReadAllBytesAsync(graph);
        var sidecar = await File.ReadAllTextAsync(graph + ".json");

        // The rows change while the old graph stays on disk (as after a crash before the close that saves it).
        using (var index = Open(Scope, Always))
        {
            Assert.True(await index.RemoveAsync(Key("e7")));
            await index.UpsertAsync(Entry("e8", partition, TestData.RandomUnit(7)));
        }

        await File.WriteAllBytesAsync(graph, saved);
        await File.WriteAllTextAsync(graph + ".json", sidecar);

        using var reopened = Open(Scope, Always);
        var found = await reopened.SearchAsync(partition, EmbedderA, TestData.RandomUnit(7), 2);
        Assert.Equal(Key("e8"), found[0].Key);
        Assert.Equal(1f, found[0].Similarity, 4);
        Assert.DoesNotContain(found, c => c.Key == Key("e7"));
        Assert.NotEqual(sidecar, await File.ReadAllTextAsync(graph + ".json")); // the rebuilt graph was saved
    }

    [Fact]
    public async Task A_corrupt_or_truncated_graph_file_is_rebuilt()
    {
        var partition = Partition("p");
        using (var index = Open(Scope, Always))
        {
            await index.UpsertManyAsync(Enumerable.Range(0, 300).Select(i => Entry("e" + i, partition, TestData.RandomUnit(i))).ToList());
        }

        var graph = Assert.Single(Directory.GetFiles(Path.Combine(_root.Sub(Scope), "graphs"), "*.usearch"));
        var bytes = await File.ReadAllBytesAsync(graph);
        await File.WriteAllBytesAsync(graph, bytes[..(bytes.Length / 3)]);

        using (var reopened = Open(Scope, Always))
        {
            Assert.Equal(1, reopened.GraphCount);
            Assert.Equal(Key("e42"), (await reopened.SearchAsync(partition, EmbedderA, TestData.RandomUnit(42), 1))[0].Key);
        }

        await File.WriteAllTextAsync(graph + ".json", "{not json");
        using var again = Open(Scope, Always);
        Assert.Equal(Key("e43"), (await again.SearchAsync(partition, EmbedderA, TestData.RandomUnit(43), 1))[0].Key);
    }

    [Fact]
    public async Task A_graph_built_in_the_background_takes_over_and_catches_up_with_writes_made_meanwhile()
    {
        var background = new ApproximateSearchOptions { MinRows = 500, BuildInBackground = true };
        using var index = Open(Scope, background);
        var partition = Partition("p");
        await index.UpsertManyAsync(Enumerable.Range(0, 499).Select(i => Entry("e" + i, partition, TestData.RandomUnit(i))).ToList());
        Assert.Equal(0, index.GraphCount);

        // Crossing the size starts the build; the writes that follow may land while it runs.
        await index.UpsertAsync(Entry("e499", partition, TestData.RandomUnit(499)));
        for (var i = 500; i < 600; i++)
        {
            await index.UpsertAsync(Entry("e" + i, partition, TestData.RandomUnit(i)));
            await index.RemoveAsync(Key("e" + (i - 500)));
        }

        await index.WaitForGraphsAsync();
        Assert.Equal(1, index.GraphCount);
        for (var i = 0; i < 600; i += 7)
        {
            var found = await index.SearchAsync(partition, EmbedderA, TestData.RandomUnit(i), 1);
            if (i < 100)
            {
                Assert.NotEqual(Key("e" + i), found[0].Key);
            }
            else
            {
                Assert.Equal(Key("e" + i), found[0].Key);
            }
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_graph_built_at_open_over_existing_rows_links_every_row(bool inBackground)
    {
        // Rows written with graphs off, then a graph built over all of them at open (capacity reserved at once): a
        // row the build skipped or mislinked would not come back as its own nearest neighbour.
        var partition = Partition("p");
        const int Rows = 3000;
        using (var plain = Open(Scope, new ApproximateSearchOptions { MinRows = 0 }))
        {
            await plain.UpsertManyAsync(Enumerable.Range(0, Rows).Select(i => Entry("e" + i, partition, TestData.RandomUnit(i))).ToList());
        }

        CloseAll();
        var index = Open(Scope, new ApproximateSearchOptions { MinRows = 1, BuildInBackground = inBackground });
        await index.WaitForGraphsAsync();
        Assert.Equal(1, index.GraphCount);
        for (var i = 0; i < Rows; i++)
        {
            var found = await index.SearchAsync(partition, EmbedderA, TestData.RandomUnit(i), 1);
            Assert.Equal(Key("e" + i), found[0].Key);
        }
    }

    private EmbeddedVectorIndex Open(string scope, ApproximateSearchOptions options)
    {
        var index = EmbeddedVectorIndex.Open(_root.Sub(scope), options);
        _open.Add(index);
        return index;
    }

    private void CloseAll()
    {
        _open.ForEach(index => index.Dispose());
        _open.Clear();
    }
}
