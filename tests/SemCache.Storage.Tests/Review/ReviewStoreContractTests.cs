using SemCache.Core.Review;

namespace SemCache.Tests.Review;

/// <summary>What every <see cref="IReviewStore"/> must do; each test works in a scope (directory or schema) of its own.</summary>
public abstract class ReviewStoreContractTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    protected string Scope { get; } = "t" + Guid.NewGuid().ToString("N");

    protected abstract Task<IReviewStore> OpenAsync(string scope);

    protected static RecordedPair Pair(int n, float similarity = 0.9f, string partition = "p1", string model = "flux", string decision = PairDecisions.Hit, int minutes = 0) => new()
    {
        Id = n.ToString("x32", System.Globalization.CultureInfo.InvariantCulture),
        RecordedAt = T0.AddMinutes(minutes == 0 ? n : minutes),
        Mode = PairDecisions.ShadowMode,
        Partition = partition,
        PartitionDescription = "model=" + model,
        Model = model,
        QueryKey = "query" + n,
        QueryPrompt = "query prompt " + n,
        QuerySha256 = "qsha" + n,
        CandidateKey = "candidate" + n,
        CandidatePrompt = "candidate prompt " + n,
        CandidateSha256 = "csha" + n,
        Similarity = similarity,
        Threshold = 0.805f,
        Decision = decision,
        Reason = "reason " + n,
        Checks = [new PairCheck("colour", true, null), new PairCheck("count", decision == PairDecisions.Hit, "two vs three")],
    };

    private static string Id(int n) => n.ToString("x32", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_recorded_pair_reads_back_whole_and_newest_first()
    {
        var store = await OpenAsync(Scope);
        await store.RecordAsync(Pair(1));
        await store.RecordAsync(Pair(2, decision: PairDecisions.Rejected));
        await store.RecordAsync(Pair(2)); // the same id again is ignored

        var pairs = await store.ListAsync(new ReviewFilter());
        Assert.Equal([Id(2), Id(1)], pairs.Select(p => p.Id));
        var expected = Pair(2, decision: PairDecisions.Rejected);
        var read = pairs[0];
        Assert.Equal(expected.RecordedAt, read.RecordedAt);
        Assert.Equal(expected with { Checks = read.Checks, RecordedAt = read.RecordedAt }, read);
        Assert.Equal(expected.Checks, read.Checks);
        Assert.Null(read.Label);
        Assert.False(read.IsHit);
    }

    [Fact]
    public async Task Filters_narrow_by_partition_model_score_band_and_label()
    {
        var store = await OpenAsync(Scope);
        await store.RecordAsync(Pair(1, similarity: 0.81f));
        await store.RecordAsync(Pair(2, similarity: 0.85f));
        await store.RecordAsync(Pair(3, similarity: 0.95f, partition: "p2", model: "turbo"));
        Assert.True(await store.LabelAsync(Id(2), new PairLabel(false, "alice", T0)));

        async Task<string[]> Ids(ReviewFilter f) => [.. (await store.ListAsync(f)).Select(p => p.Id).Order()];
        Assert.Equal([Id(1), Id(2)], await Ids(new ReviewFilter { Partition = "p1" }));
        Assert.Equal([Id(3)], await Ids(new ReviewFilter { Model = "turbo" }));
        Assert.Equal([Id(2)], await Ids(new ReviewFilter { MinSimilarity = 0.85f, MaxSimilarity = 0.90f }));
        Assert.Equal([Id(2)], await Ids(new ReviewFilter { Labelled = true }));
        Assert.Equal([Id(1), Id(3)], await Ids(new ReviewFilter { Labelled = false }));
        Assert.Equal([Id(2)], await Ids(new ReviewFilter { LabelledSince = T0 }));
        Assert.Empty(await Ids(new ReviewFilter { LabelledSince = T0.AddSeconds(1) }));
        Assert.Equal([Id(2)], await Ids(new ReviewFilter { Limit = 1, Offset = 1 }));
    }

    [Fact]
    public async Task Labels_survive_reopening_and_count_false_hits_per_partition()
    {
        var store = await OpenAsync(Scope);
        await store.RecordAsync(Pair(1));
        await store.RecordAsync(Pair(2));
        await store.RecordAsync(Pair(3, partition: "p2", decision: PairDecisions.Rejected));
        await store.LabelAsync(Id(1), new PairLabel(true, "alice", T0));
        await store.LabelAsync(Id(2), new PairLabel(true, "alice", T0));
        await store.LabelAsync(Id(2), new PairLabel(false, "bob", T0.AddMinutes(1))); // relabelled
        await store.LabelAsync(Id(3), new PairLabel(true, "bob", T0));
        Assert.False(await store.LabelAsync(Id(9), new PairLabel(true, "bob", T0)));

        var reopened = await OpenAsync(Scope);
        var label = (await reopened.GetAsync(Id(2)))!.Label!;
        Assert.Equal(new PairLabel(false, "bob", T0.AddMinutes(1)), label);
        var counts = await reopened.CountAsync();
        Assert.Equal(3, counts.Pairs);
        Assert.Equal(3, counts.Labelled);
        var p1 = Assert.Single(counts.Partitions); // the rejected pair is no hit
        Assert.Equal(new PartitionLabels("p1", "model=flux", 2, 1), p1);
    }

    [Fact]
    public async Task Removing_keys_takes_pairs_that_show_them_on_either_side_with_their_labels()
    {
        var store = await OpenAsync(Scope);
        await store.RecordAsync(Pair(1));
        await store.RecordAsync(Pair(2));
        await store.RecordAsync(Pair(3));
        await store.LabelAsync(Id(1), new PairLabel(false, "alice", T0));
        Assert.Equal(2, await store.RemoveByKeysAsync(["query1", "candidate2", "unknown"]));
        Assert.Equal([Id(3)], (await store.ListAsync(new ReviewFilter())).Select(p => p.Id));
        Assert.Equal(0, (await store.CountAsync()).Labelled);
    }

    [Fact]
    public async Task Retention_drops_old_pairs_then_the_oldest_beyond_the_limit()
    {
        var store = await OpenAsync(Scope);
        for (var n = 1; n <= 6; n++)
        {
            await store.RecordAsync(Pair(n));
        }

        await store.LabelAsync(Id(1), new PairLabel(true, "alice", T0));
        // Pair 1 is older than the cut-off; of the rest only the newest three stay.
        Assert.Equal(3, await store.TrimAsync(T0.AddMinutes(1.5), maxPairs: 3));
        Assert.Equal([Id(6), Id(5), Id(4)], (await store.ListAsync(new ReviewFilter())).Select(p => p.Id));
        Assert.Equal(0, (await store.CountAsync()).Labelled);
    }
}
