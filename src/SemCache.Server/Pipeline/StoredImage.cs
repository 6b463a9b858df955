namespace SemCache.Server.Pipeline;

/// <summary>Image bytes found by the exact tier.</summary>
public sealed record StoredImage(byte[] Bytes, string ContentType, string Sha256, double OriginMilliseconds);
