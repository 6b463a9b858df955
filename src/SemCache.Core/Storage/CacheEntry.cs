namespace SemCache.Core.Storage;

/// <summary>
/// What the exact tier finds under a key: the image it points at and the request that made it.
/// Holds no credential, client address or user agent.
/// </summary>
public sealed record CacheEntry
{
    public required string Key { get; init; }

    /// <summary>Hex SHA-256 of the image bytes: the blob's name.</summary>
    public required string BlobSha256 { get; init; }

    public required string ContentType { get; init; }

    public required long Size { get; init; }

    public required string Prompt { get; init; }

    public required string Partition { get; init; }

    /// <summary>Pixel parameters, defaults applied (credentials never appear here).</summary>
    public required IReadOnlyDictionary<string, string> Parameters { get; init; }

    public required DateTimeOffset Created { get; init; }

    public DateTimeOffset? LastHit { get; init; }

    public long HitCount { get; init; }

    /// <summary>How long the origin took to make the image: what each later hit saves.</summary>
    public double OriginMilliseconds { get; init; }

    /// <summary>For an alias written on a semantic hit: the key whose image it shares.</summary>
    public string? AliasOf { get; init; }
}
