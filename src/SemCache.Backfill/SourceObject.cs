namespace SemCache.Backfill;

/// <summary>The bytes of a listed object and what the source knows about the request that made it.</summary>
public sealed record SourceObject(byte[] Bytes, string? ContentType, string? OriginalUrl, DateTimeOffset? LastModified);
