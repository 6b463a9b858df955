namespace SemCache.Server.Pipeline;

/// <summary>
/// The answer to one image request: a <see cref="ServedImage"/> or an <see cref="OriginProblem"/>. This base holds
/// what the headers, the request log and the metrics report about either.
/// </summary>
public abstract record CacheResult
{
    public required CacheOutcome Outcome { get; init; }

    public required string Key { get; init; }

    /// <summary>On a semantic hit or fallback: the key of the stored entry whose image was served.</summary>
    public string? MatchedKey { get; init; }

    /// <summary>Similarity of the served candidate on a semantic hit.</summary>
    public float? Similarity { get; init; }

    /// <summary>Similarity of the best candidate found, served or not.</summary>
    public float? BestSimilarity { get; init; }

    public float? Threshold { get; init; }

    /// <summary>Why the semantic tier did not serve (skipped, degraded, guard, threshold).</summary>
    public string? SemanticReason { get; init; }

    /// <summary>Origin time of the served image's original generation: what this hit saved.</summary>
    public double SavedOriginMilliseconds { get; init; }

    /// <summary>On a miss: how long the origin call took (shared by coalesced waiters).</summary>
    public double? OriginMilliseconds { get; init; }

    /// <summary>The HTTP status the answer is sent with.</summary>
    public abstract int StatusCode { get; }

    /// <summary>Time per part of the pipeline (store, embed, search, decide): the Server-Timing header.</summary>
    public StageTimings? Timings { get; init; }
}
