using System.Runtime.CompilerServices;
using System.Text.Json;
using SemCache.Core.Storage;

namespace SemCache.Storage.Files;

/// <summary>Entries: one JSON file per key; an unreadable file counts as absent and is reported, never thrown.</summary>
public sealed partial class FileImageStore
{
    private const string EntryExtension = ".json";

    public async Task<CacheEntry?> GetEntryAsync(string key, CancellationToken cancellationToken = default)
    {
        var path = EntryPath(key);
        var bytes = await TryReadAsync(path, cancellationToken);
        return bytes is null ? null : Parse(path, key, bytes);
    }

    public Task PutEntryAsync(CacheEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        Sha256Name.Require(entry.BlobSha256, nameof(entry));
        var bytes = JsonSerializer.SerializeToUtf8Bytes(entry, FileStoreJsonContext.Default.CacheEntry);
        return AtomicFile.WriteAsync(EntryPath(entry.Key, nameof(entry)), bytes, cancellationToken);
    }

    public Task<bool> DeleteEntryAsync(string key, CancellationToken cancellationToken = default)
    {
        return Task.FromResult(AtomicFile.DeleteIfExists(EntryPath(key)));
    }

    /// <summary>Streams the entries one file at a time; corrupt files are skipped (and reported).</summary>
    public async IAsyncEnumerable<CacheEntry> ListEntriesAsync(
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var path in Directory.EnumerateFiles(_entries, "*" + EntryExtension, Recursive))
        {
            var key = Path.GetFileNameWithoutExtension(path);
            if (!Sha256Name.IsValid(key) || !IsInOwnShard(path, key))
            {
                continue;
            }

            var bytes = await TryReadAsync(path, cancellationToken);
            if (bytes is not null && Parse(path, key, bytes) is { } entry)
            {
                yield return entry;
            }
        }
    }

    private CacheEntry? Parse(string path, string key, byte[] bytes)
    {
        try
        {
            var entry = JsonSerializer.Deserialize(bytes, FileStoreJsonContext.Default.CacheEntry);
            if (entry is not null && entry.Key == key)
            {
                return entry;
            }

            ReportCorrupt(path, new InvalidDataException($"The file does not hold the entry for key {key}."));
        }
        catch (JsonException ex)
        {
            ReportCorrupt(path, ex);
        }

        return null;
    }

    private void ReportCorrupt(string path, Exception error)
    {
        Interlocked.Increment(ref _corruptEntries);
        _onCorruptEntry?.Invoke(path, error);
    }

    private string EntryPath(string key, [CallerArgumentExpression(nameof(key))] string? paramName = null)
    {
        Sha256Name.Require(key, paramName ?? nameof(key));
        return Path.Combine(_entries, key[..2], key + EntryExtension);
    }
}
