namespace SemCache.Server.Pipeline;

/// <summary>The answer to one image request, with what the headers and the explain endpoint report.</summary>
public sealed record CacheResult
{
    public required CacheOutcome Outcome { get; init; }

    public required string Key { get; init; }

    public byte[]? Body { get; init; }

    public string? ContentType { get; init; }

    /// <summary>SHA-256 of the body: the ETag.</summary>
    public string? Sha256 { get; init; }

    /// <summary>On a semantic hit or fallback: the key of the stored entry whose image was served.</summary>
    public string? MatchedKey { get; init; }

    /// <summary>Similarity of the served candidate on a semantic hit.</summary>
    public float? Similarity { get; init; }

    /// <summary>Similarity of the best candidate found, served or not.</summary>
    public float? BestSimilarity { get; init; }

    public float? Threshold { get; init; }

    /// <summary>Why the semantic tier did not serve (skipped, degraded, guard, threshold).</summary>
    public string? SemanticReason { get; init; }

    /// <summary>Status code to answer with when <see cref="Outcome"/> is <see cref="CacheOutcome.OriginError"/>.</summary>
    public int StatusCode { get; init; } = 200;

    public string? ErrorTitle { get; init; }

    public string? ErrorDetail { get; init; }

    /// <summary>Origin time of the served image's original generation: what this hit saved.</summary>
    public double SavedOriginMilliseconds { get; init; }

    /// <summary>On a miss: how long the origin call took (shared by coalesced waiters).</summary>
    public double? OriginMilliseconds { get; init; }

    /// <summary>Time per part of the pipeline (store, embed, search, decide): the Server-Timing header.</summary>
    public StageTimings? Timings { get; init; }

    public bool HasImage => Body is not null;
}
