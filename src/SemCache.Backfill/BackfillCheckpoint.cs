using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace SemCache.Backfill;

/// <summary>
/// The last listing position whose whole batch (store, entry and vector) is written. Replaced atomically (temp file,
/// flush, rename), so a kill at any moment leaves the old position or the new one.
/// </summary>
public sealed class BackfillCheckpoint(string path)
{
    public string Path { get; } = path;

    /// <summary>One checkpoint per source, format and manifest, under the data directory.</summary>
    public static string PathFor(string dataDirectory, string from, KeyFormat format, string? manifest)
    {
        var id = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{from}\n{format}\n{manifest}")))[..16];
        return System.IO.Path.Combine(dataDirectory, "backfill", id + ".checkpoint.json");
    }

    public string? Read()
    {
        if (!File.Exists(Path))
        {
            return null;
        }

        using var doc = JsonDocument.Parse(File.ReadAllBytes(Path));
        return doc.RootElement.GetProperty("after").GetString();
    }

    public void Write(string position)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        var temp = Path + ".tmp";
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write))
        {
            stream.Write(JsonSerializer.SerializeToUtf8Bytes(new { after = position, written = DateTimeOffset.UtcNow }));
            stream.Flush(flushToDisk: true);
        }

        File.Move(temp, Path, overwrite: true);
    }

    public void Delete()
    {
        File.Delete(Path);
        File.Delete(Path + ".tmp");
    }
}
