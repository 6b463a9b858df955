using SemCache.Core.Storage;

namespace SemCache.Backfill;

/// <summary>
/// The cache a backfill fills: its store, and where that store keeps its objects, so that a source which is the
/// store itself is recognised (its entries are already in place and only the index is written).
/// </summary>
public sealed record BackfillDestination(IImageStore Store)
{
    /// <summary>The images directory of a file store; null when the store is not on disk.</summary>
    public string? ImagesDirectory { get; init; }

    /// <summary>Bucket of an S3 store; null when the store is not in S3.</summary>
    public string? Bucket { get; init; }

    public string Prefix { get; init; } = "";

    /// <summary>Endpoint used for every s3:// source, the store's own or another bucket.</summary>
    public S3Endpoint S3 { get; init; } = new();
}
