namespace SemCache.Core.Review;

/// <summary>
/// One semantic decision kept for review: the query, the candidate it would have been (or was) served, both images,
/// the scores and every check's verdict. <see cref="Label"/> is null until a reviewer judges the pair.
/// </summary>
public sealed record RecordedPair
{
    /// <summary>Random identifier (32 hex digits), stable across restarts and backends.</summary>
    public required string Id { get; init; }

    public required DateTimeOffset RecordedAt { get; init; }

    /// <summary>"shadow" (answered from the origin) or "serve" (a sampled hit that was served).</summary>
    public required string Mode { get; init; }

    public required string Partition { get; init; }

    /// <summary>Readable partition (parameters without the prompt), shown to reviewers.</summary>
    public required string PartitionDescription { get; init; }

    /// <summary>The request's model parameter, for filtering.</summary>
    public required string Model { get; init; }

    public required string QueryKey { get; init; }

    public required string QueryPrompt { get; init; }

    /// <summary>The query's own image: the origin's picture in shadow mode, the served one in serve mode.</summary>
    public required string QuerySha256 { get; init; }

    public required string CandidateKey { get; init; }

    public required string CandidatePrompt { get; init; }

    public required string CandidateSha256 { get; init; }

    public required float Similarity { get; init; }

    public required float Threshold { get; init; }

    /// <summary>"hit" (served or would have been), or "rejected" (above the threshold, stopped by a check).</summary>
    public required string Decision { get; init; }

    /// <summary>The decider's reason text.</summary>
    public required string Reason { get; init; }

    /// <summary>Every check's verdict on this candidate, in the order they ran.</summary>
    public required IReadOnlyList<PairCheck> Checks { get; init; }

    public PairLabel? Label { get; init; }

    /// <summary>True when the pair counts toward the false-hit rate: the candidate was (or would have been) served.</summary>
    public bool IsHit => string.Equals(Decision, PairDecisions.Hit, StringComparison.Ordinal);
}
