namespace SemCache.Core.Review;

/// <summary>How many pairs are kept, how many are labelled, and per partition the labelled hits and false hits.</summary>
public sealed record ReviewCounts(long Pairs, long Labelled, IReadOnlyList<PartitionLabels> Partitions)
{
    public long LabelledHits => Partitions.Sum(p => p.LabelledHits);

    public long FalseHits => Partitions.Sum(p => p.FalseHits);
}

/// <summary>Labelled served (or would-be-served) pairs of one partition, and how many of them were not acceptable.</summary>
public sealed record PartitionLabels(string Partition, string PartitionDescription, long LabelledHits, long FalseHits);
