namespace SemCache.Tests.Contracts;

/// <summary>Persistence across instances and concurrent use.</summary>
public abstract partial class VectorIndexContractTests
{
    [Fact]
    public async Task Reopen_KeepsUpsertsReplacementsAndRemovals()
    {
        var index = await CreateIndexAsync(Scope);
        var query = TestData.RandomUnit(1);
        await index.UpsertManyAsync(
        [
            Entry("kept", Partition("a"), query),
            Entry("replaced", Partition("a"), TestData.RandomUnit(2)),
            Entry("removed", Partition("a"), TestData.RandomUnit(3)),
            Entry("other", Partition("b"), TestData.RandomUnit(4), EmbedderB),
        ]);
        await index.UpsertAsync(Entry("replaced", Partition("a"), TestData.RandomUnit(5)) with { Prompt = "second" });
        await index.RemoveAsync(Key("removed"));

        var reopened = await ReopenIndexAsync(Scope);

        var counts = await reopened.CountByPartitionAsync();
        Assert.Equal(2, counts[Partition("a")]);
        Assert.Equal(1, counts[Partition("b")]);
        Assert.False(await reopened.ContainsAsync(Key("removed")));
        var best = (await reopened.SearchAsync(Partition("a"), EmbedderA, query, 5))[0];
        Assert.Equal((Key("kept"), "prompt kept", Blob("kept")), (best.Key, best.Prompt, best.BlobSha256));
        Assert.Equal(1f, best.Similarity, Tolerance);
        var replaced = (await reopened.SearchAsync(Partition("a"), EmbedderA, TestData.RandomUnit(5), 1))[0];
        Assert.Equal((Key("replaced"), "second"), (replaced.Key, replaced.Prompt));
        Assert.Equal([Key("other")], (await reopened.SearchAsync(Partition("b"), EmbedderB, query, 5)).Select(c => c.Key));
    }

    [Fact]
    public async Task ConcurrentWriters_WithConcurrentSearches_LoseNothing()
    {
        const int Writers = 4;
        const int PerWriter = 40;
        var index = await CreateIndexAsync(Scope);
        var partition = Partition("busy");
        using var writersDone = new CancellationTokenSource();

        var searches = Enumerable.Range(0, 2).Select(s => Task.Run(async () =>
        {
            var rounds = 0;
            while (!writersDone.IsCancellationRequested || rounds == 0)
            {
                var found = await index.SearchAsync(partition, EmbedderA, TestData.RandomUnit(s), 5);
                Assert.True(found.Count <= 5);
                rounds++;
            }
        })).ToList();
        var writers = Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < PerWriter; i++)
            {
                var name = $"w{w}-{i}";
                await index.UpsertAsync(Entry(name, partition, TestData.RandomUnit((w * 1000) + i)));
                if (i % 10 == 9)
                {
                    await index.UpsertAsync(Entry(name, partition, TestData.RandomUnit((w * 1000) + i)));
                }
            }
        })).ToList();
        await Task.WhenAll(writers);
        await writersDone.CancelAsync();
        await Task.WhenAll(searches);

        Assert.Equal(Writers * PerWriter, (await index.CountByPartitionAsync())[partition]);
        var reopened = await ReopenIndexAsync(Scope);
        Assert.Equal(Writers * PerWriter, (await reopened.CountByPartitionAsync())[partition]);
        for (var w = 0; w < Writers; w++)
        {
            for (var i = 0; i < PerWriter; i++)
            {
                Assert.True(await reopened.ContainsAsync(Key($"w{w}-{i}")));
            }
        }
    }
}
