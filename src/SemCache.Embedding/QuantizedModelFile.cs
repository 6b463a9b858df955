using System.Security.Cryptography;

namespace SemCache.Embedding;

/// <summary>
/// The int8 graph of an fp32 model, made once and kept as <c>DIR/&lt;name&gt;-int8-&lt;source hash&gt;-v&lt;version&gt;.onnx</c> with a
/// <c>.sha256</c> file beside it. A file whose digest does not match (torn write, disk error, hand edit) is made again;
/// both files are written to a temporary name, flushed and renamed, so a crash never leaves a half-written model in use.
/// </summary>
public static class QuantizedModelFile
{
    private const string DigestSuffix = ".sha256";

    /// <summary>The path the int8 graph of <paramref name="fp32Model"/> is cached at in <paramref name="directory"/>.</summary>
    public static string PathFor(string directory, string name, byte[] fp32Model)
    {
        var source = Convert.ToHexStringLower(SHA256.HashData(fp32Model))[..12];
        return Path.Combine(directory, $"{name}-int8-{source}-v{Int8Quantizer.Version}.onnx");
    }

    /// <summary>The int8 graph from the cache in <paramref name="directory"/>, quantised and stored first when missing or corrupt.</summary>
    public static QuantizedModel Load(string directory, string name, byte[] fp32Model)
    {
        var path = PathFor(directory, name, fp32Model);
        if (TryRead(path) is { } cached)
        {
            return new QuantizedModel(path, cached, Created: false);
        }

        var bytes = Int8Quantizer.Quantize(fp32Model);
        Directory.CreateDirectory(directory);
        var digest = Convert.ToHexStringLower(SHA256.HashData(bytes));

        // Digest first: a crash between the two renames leaves a digest that fails against the old model, never the reverse.
        var modelTemp = WriteTemp(path, bytes);
        var digestTemp = WriteTemp(path + DigestSuffix, System.Text.Encoding.ASCII.GetBytes(digest));
        File.Move(digestTemp, path + DigestSuffix, overwrite: true);
        File.Move(modelTemp, path, overwrite: true);
        return new QuantizedModel(path, bytes, Created: true);
    }

    private static byte[]? TryRead(string path)
    {
        try
        {
            if (!File.Exists(path) || !File.Exists(path + DigestSuffix))
            {
                return null;
            }

            var expected = File.ReadAllText(path + DigestSuffix).Trim();
            var bytes = File.ReadAllBytes(path);
            return string.Equals(Convert.ToHexStringLower(SHA256.HashData(bytes)), expected, StringComparison.OrdinalIgnoreCase) ? bytes : null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    // A unique temporary name, so two processes starting together never write into each other's file.
    private static string WriteTemp(string path, byte[] bytes)
    {
        var temp = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
        {
            stream.Write(bytes);
            stream.Flush(flushToDisk: true);
        }

        return temp;
    }
}

/// <summary>An int8 model read from or just written to <paramref name="Path"/>.</summary>
public sealed record QuantizedModel(string Path, byte[] Bytes, bool Created);
