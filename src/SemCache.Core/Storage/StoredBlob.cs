namespace SemCache.Core.Storage;

/// <summary>Image bytes with their media type.</summary>
public sealed record StoredBlob(byte[] Bytes, string ContentType);
