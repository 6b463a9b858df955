using System.IO.Compression;
using System.Text;

namespace SemCache.DictGen;

/// <summary>
/// One dictd database: the .index (headword TAB offset TAB length, numbers in dictd's base64) over the
/// decompressed .dict.dz (dictzip is gzip-readable, so the whole body is read once).
/// </summary>
internal sealed class DictdFile
{
    private const string Digits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    private readonly byte[] _body;

    private DictdFile(string name, byte[] body, List<(string Headword, long Offset, int Length)> index)
    {
        Name = name;
        _body = body;
        Index = index;
    }

    /// <summary>The database name ("freedict-deu-eng").</summary>
    public string Name { get; }

    public IReadOnlyList<(string Headword, long Offset, int Length)> Index { get; }

    public static DictdFile Open(string directory, string name)
    {
        var indexPath = Path.Combine(directory, name + ".index");
        var dictPath = Path.Combine(directory, name + ".dict.dz");
        var index = new List<(string, long, int)>();
        foreach (var line in File.ReadLines(indexPath, Encoding.UTF8))
        {
            var parts = line.Split('\t');
            if (parts.Length >= 3 && !parts[0].StartsWith("00-database", StringComparison.Ordinal) && !parts[0].StartsWith("00database", StringComparison.Ordinal))
            {
                index.Add((parts[0], Decode(parts[1]), (int)Decode(parts[2])));
            }
        }

        using var gzip = new GZipStream(File.OpenRead(dictPath), CompressionMode.Decompress);
        using var memory = new MemoryStream();
        gzip.CopyTo(memory);
        return new DictdFile(name, memory.ToArray(), index);
    }

    public string Entry(long offset, int length) => Encoding.UTF8.GetString(_body, (int)offset, length);

    private static long Decode(string digits)
    {
        long value = 0;
        foreach (var c in digits)
        {
            value = (value * 64) + Digits.IndexOf(c, StringComparison.Ordinal);
        }

        return value;
    }
}
