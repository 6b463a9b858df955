using System.Runtime.CompilerServices;
using System.Text.Json;

namespace SemCache.Backfill;

/// <summary>
/// Objects as files under a directory, listed in ordinal order of their relative paths. A sidecar
/// <c>&lt;file&gt;.json</c> may hold <c>originalUrl</c> (like the S3 metadata) and <c>key</c>, the object key when it
/// could not be a file name (Pollinations keys run to 999 characters; file names stop at 255 bytes).
/// </summary>
public sealed class DirectorySource(string root) : IBackfillSource
{
    private const string SidecarSuffix = ".json";

    private readonly string _root = Path.GetFullPath(root);

    public string Description => _root;

    public async IAsyncEnumerable<BackfillItem> ListAsync(string? after, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var relative in Walk(_root, ""))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (after is not null && string.CompareOrdinal(relative, after) <= 0)
            {
                continue;
            }

            var path = Path.Combine(_root, relative);
            if (relative.EndsWith(SidecarSuffix, StringComparison.Ordinal) && File.Exists(path[..^SidecarSuffix.Length]))
            {
                continue;
            }

            var sidecar = await ReadSidecarAsync(path, cancellationToken);
            yield return new BackfillItem(relative, sidecar?.Key ?? relative);
        }
    }

    public async Task<SourceObject?> ReadAsync(BackfillItem item, CancellationToken cancellationToken)
    {
        // A manifest names objects by key; a listed item by its path (Position).
        var path = Path.Combine(_root, File.Exists(Path.Combine(_root, item.Position)) ? item.Position : item.ObjectKey);
        if (!File.Exists(path))
        {
            return null;
        }

        var bytes = await File.ReadAllBytesAsync(path, cancellationToken);
        var sidecar = await ReadSidecarAsync(path, cancellationToken);
        return new SourceObject(bytes, null, sidecar?.OriginalUrl, File.GetLastWriteTimeUtc(path));
    }

    public void Dispose()
    {
    }

    /// <summary>Depth first; a directory sorts as its name plus '/', so the paths come out in ordinal order.</summary>
    private static IEnumerable<string> Walk(string directory, string relative)
    {
        var children = new DirectoryInfo(directory).EnumerateFileSystemInfos()
            .Select(i => (Info: i, SortKey: i is DirectoryInfo ? i.Name + "/" : i.Name))
            .OrderBy(c => c.SortKey, StringComparer.Ordinal)
            .ToList();
        foreach (var (info, _) in children)
        {
            var path = relative.Length == 0 ? info.Name : relative + "/" + info.Name;
            if (info is DirectoryInfo)
            {
                foreach (var nested in Walk(info.FullName, path))
                {
                    yield return nested;
                }
            }
            else
            {
                yield return path;
            }
        }
    }

    private static async Task<Sidecar?> ReadSidecarAsync(string path, CancellationToken cancellationToken)
    {
        var sidecar = path + SidecarSuffix;
        if (!File.Exists(sidecar))
        {
            return null;
        }

        await using var stream = File.OpenRead(sidecar);
        return await JsonSerializer.DeserializeAsync<Sidecar>(stream, SidecarJson, cancellationToken);
    }

    private static readonly JsonSerializerOptions SidecarJson = new(JsonSerializerDefaults.Web);

    private sealed record Sidecar(string? OriginalUrl, string? Key);
}
