namespace SemCache.Core.Index;

/// <summary>One prompt embedding and the cache entry it leads to.</summary>
public sealed record IndexEntry
{
    /// <summary>The exact key of the entry (unique in the index).</summary>
    public required string Key { get; init; }

    public required string Partition { get; init; }

    /// <summary>Model id and version of the embedder that made <see cref="Vector"/>; queries never mix embedders.</summary>
    public required string EmbedderId { get; init; }

    public required string Prompt { get; init; }

    /// <summary>L2-normalised embedding of <see cref="Prompt"/>.</summary>
    public required ReadOnlyMemory<float> Vector { get; init; }

    public required string BlobSha256 { get; init; }

    public required DateTimeOffset Created { get; init; }
}
