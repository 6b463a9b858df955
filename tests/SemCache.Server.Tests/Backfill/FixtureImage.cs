using System.Text;

namespace SemCache.Tests.Backfill;

/// <summary>One image as the Pollinations worker stored it: its key, bytes and (maybe) originalUrl metadata.</summary>
public sealed record FixtureImage(string Prompt, IReadOnlyList<KeyValuePair<string, string>> Query, string Key, byte[] Bytes, string? OriginalUrl)
{
    /// <summary>The same request sent to semcache (credentials left out).</summary>
    public string SemCachePath
    {
        get
        {
            var query = string.Join('&', Query.Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(p.Value)));
            return "/prompt/" + Uri.EscapeDataString(Prompt) + (query.Length > 0 ? "?" + query : "");
        }
    }

    /// <summary>A variant the semantic guards accept: different bytes of text, same picture.</summary>
    public string ParaphrasePath(string paraphrase)
    {
        var query = string.Join('&', Query.Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(p.Value)));
        return "/prompt/" + Uri.EscapeDataString(paraphrase) + (query.Length > 0 ? "?" + query : "");
    }

    public override string ToString() => Prompt.Length > 40 ? Prompt[..40] + "…" : Prompt;

    internal static byte[] PngLike(string seed)
    {
        // A PNG signature (what the cache sniffs) followed by bytes unique to the image.
        byte[] signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
        return [.. signature, .. Encoding.UTF8.GetBytes("fixture:" + seed)];
    }
}
