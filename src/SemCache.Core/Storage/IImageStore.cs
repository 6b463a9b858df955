namespace SemCache.Core.Storage;

/// <summary>
/// Image bytes, content-addressed by SHA-256, plus the entries (key to image) of the exact tier.
/// Implementations: files on disk, S3-compatible object storage.
/// </summary>
public interface IImageStore
{
    /// <summary>Stores bytes under their SHA-256 (idempotent) and returns the hex digest.</summary>
    Task<string> PutBlobAsync(ReadOnlyMemory<byte> bytes, string contentType, CancellationToken cancellationToken = default);

    /// <summary>The bytes, or null when no blob has that digest.</summary>
    Task<StoredBlob?> GetBlobAsync(string sha256, CancellationToken cancellationToken = default);

    Task<bool> BlobExistsAsync(string sha256, CancellationToken cancellationToken = default);

    Task<bool> DeleteBlobAsync(string sha256, CancellationToken cancellationToken = default);

    IAsyncEnumerable<string> ListBlobsAsync(CancellationToken cancellationToken = default);

    Task<CacheEntry?> GetEntryAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Writes the entry atomically: a reader sees the old one or the new one, never a torn one.</summary>
    Task PutEntryAsync(CacheEntry entry, CancellationToken cancellationToken = default);

    Task<bool> DeleteEntryAsync(string key, CancellationToken cancellationToken = default);

    IAsyncEnumerable<CacheEntry> ListEntriesAsync(CancellationToken cancellationToken = default);
}
