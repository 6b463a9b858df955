namespace SemCache.Backfill;

/// <summary>Where s3:// sources are read from; credentials come from the standard AWS chain, never from here.</summary>
public sealed record S3Endpoint
{
    /// <summary>Endpoint of an S3-compatible service (R2, MinIO); null for AWS S3.</summary>
    public Uri? ServiceUrl { get; init; }

    public string Region { get; init; } = "us-east-1";

    public bool ForcePathStyle { get; init; } = true;
}
