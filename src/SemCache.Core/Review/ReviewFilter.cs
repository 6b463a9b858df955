namespace SemCache.Core.Review;

/// <summary>What the review page lists: newest first, optionally narrowed. Null means "any".</summary>
public sealed record ReviewFilter
{
    public string? Partition { get; init; }

    public string? Model { get; init; }

    /// <summary>Lowest similarity (inclusive).</summary>
    public float? MinSimilarity { get; init; }

    /// <summary>Highest similarity (exclusive), so bands [0.80, 0.85) and [0.85, 0.90) do not overlap.</summary>
    public float? MaxSimilarity { get; init; }

    /// <summary>True: labelled pairs only; false: unlabelled only.</summary>
    public bool? Labelled { get; init; }

    /// <summary>Only pairs labelled at or after this time (export --since).</summary>
    public DateTimeOffset? LabelledSince { get; init; }

    public int Limit { get; init; } = 50;

    public int Offset { get; init; }
}
