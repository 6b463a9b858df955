namespace SemCache.Server.Pipeline;

/// <summary>An image to send: an exact or semantic hit, a fallback, or a fresh one from the origin.</summary>
public sealed record ServedImage : CacheResult
{
    public required byte[] Body { get; init; }

    public required string ContentType { get; init; }

    /// <summary>SHA-256 of the body: the ETag and the image's id under /images.</summary>
    public required string Sha256 { get; init; }

    public override int StatusCode => 200;
}
