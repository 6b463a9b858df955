using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using SemCache.Core.Images;
using SemCache.Core.Storage;

namespace SemCache.Storage.Files;

/// <summary>
/// Images and entries as plain files under one root: <c>blobs/{sha[0..2]}/{sha}</c> (content-addressed) and
/// <c>entries/{key[0..2]}/{key}.json</c>. Every write is atomic (temp file, fsync, rename). One process owns a root:
/// temp files found at construction are taken for crash leftovers and deleted.
/// </summary>
public sealed partial class FileImageStore : IImageStore
{
    /// <summary>Beside a blob only when its media type differs from what <see cref="ImageFormat.Sniff"/> says.</summary>
    private const string TypeExtension = ".type";

    private const string UnknownContentType = "application/octet-stream";

    private static readonly EnumerationOptions Recursive = new() { RecurseSubdirectories = true, IgnoreInaccessible = true };

    private readonly string _blobs;
    private readonly string _entries;
    private readonly Action<string, Exception>? _onCorruptEntry;
    private long _corruptEntries;

    /// <param name="rootDirectory">Created if missing.</param>
    /// <param name="onCorruptEntry">Told the path and the error when an entry file cannot be read (for logging).</param>
    public FileImageStore(string rootDirectory, Action<string, Exception>? onCorruptEntry = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(rootDirectory);
        RootDirectory = Path.GetFullPath(rootDirectory);
        _blobs = Path.Combine(RootDirectory, "blobs");
        _entries = Path.Combine(RootDirectory, "entries");
        _onCorruptEntry = onCorruptEntry;
        Directory.CreateDirectory(_blobs);
        Directory.CreateDirectory(_entries);
        AtomicFile.CleanTempFiles(_blobs);
        AtomicFile.CleanTempFiles(_entries);
    }

    public string RootDirectory { get; }

    /// <summary>Reads since construction that found an entry file unreadable (torn or hand-edited) and treated it as absent.</summary>
    public long CorruptEntriesSkipped => Interlocked.Read(ref _corruptEntries);

    public async Task<string> PutBlobAsync(
        ReadOnlyMemory<byte> bytes, string contentType, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(contentType);
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes.Span));
        var path = BlobPath(sha);
        if (File.Exists(path))
        {
            return sha;
        }

        // The type file lands before the blob, so a blob that exists always has the right type beside it.
        var typePath = path + TypeExtension;
        if (ImageFormat.Sniff(bytes.Span) == contentType)
        {
            AtomicFile.DeleteIfExists(typePath);
        }
        else
        {
            await AtomicFile.WriteAsync(typePath, System.Text.Encoding.UTF8.GetBytes(contentType), cancellationToken);
        }

        await AtomicFile.WriteAsync(path, bytes, cancellationToken);
        return sha;
    }

    public async Task<StoredBlob?> GetBlobAsync(string sha256, CancellationToken cancellationToken = default)
    {
        var path = BlobPath(sha256);
        var bytes = await TryReadAsync(path, cancellationToken);
        if (bytes is null)
        {
            return null;
        }

        var declared = await TryReadAsync(path + TypeExtension, cancellationToken);
        var contentType = declared is not null
            ? System.Text.Encoding.UTF8.GetString(declared)
            : ImageFormat.Sniff(bytes) ?? UnknownContentType;
        return new StoredBlob(bytes, contentType);
    }

    public Task<bool> BlobExistsAsync(string sha256, CancellationToken cancellationToken = default) =>
        Task.FromResult(File.Exists(BlobPath(sha256)));

    public Task<bool> DeleteBlobAsync(string sha256, CancellationToken cancellationToken = default)
    {
        var path = BlobPath(sha256);
        var existed = AtomicFile.DeleteIfExists(path);
        AtomicFile.DeleteIfExists(path + TypeExtension);
        return Task.FromResult(existed);
    }

    public IAsyncEnumerable<string> ListBlobsAsync(CancellationToken cancellationToken = default) =>
        BlobNames(cancellationToken).ToAsyncEnumerable();

    /// <summary>Lazily walks the blob tree (nothing is read or buffered), skipping temp and type files.</summary>
    private IEnumerable<string> BlobNames(CancellationToken cancellationToken)
    {
        foreach (var path in Directory.EnumerateFiles(_blobs, "*", Recursive))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var name = Path.GetFileName(path);
            if (Sha256Name.IsValid(name) && IsInOwnShard(path, name))
            {
                yield return name;
            }
        }
    }

    private static bool IsInOwnShard(string path, string name) =>
        Path.GetFileName(Path.GetDirectoryName(path.AsSpan())).SequenceEqual(name.AsSpan(0, 2));

    /// <summary>The file's bytes, or null when it does not exist (also when it vanishes while we look).</summary>
    private static async Task<byte[]?> TryReadAsync(string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            return await File.ReadAllBytesAsync(path, cancellationToken);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (DirectoryNotFoundException)
        {
            return null;
        }
    }

    private string BlobPath(string sha256, [CallerArgumentExpression(nameof(sha256))] string? paramName = null)
    {
        Sha256Name.Require(sha256, paramName ?? nameof(sha256));
        return Path.Combine(_blobs, sha256[..2], sha256);
    }
}
