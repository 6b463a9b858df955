namespace SemCache.Core.Index;

/// <summary>A stored prompt near a query, with its cosine similarity.</summary>
public sealed record IndexCandidate(string Key, string Prompt, string BlobSha256, float Similarity)
{
    /// <summary>
    /// The similarity the search found, when the lookup re-scored the candidate (across languages, with glosses
    /// chosen for the pair) and <see cref="Similarity"/> is the new one; null otherwise.
    /// </summary>
    public float? SearchedSimilarity { get; init; }

    /// <summary>
    /// The stored (unit) vector, when the index returns it: a caller can score the stored prompt against another text
    /// without embedding it again. Null when the index does not.
    /// </summary>
    public float[]? Vector { get; init; }
}
