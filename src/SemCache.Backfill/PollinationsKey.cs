using System.Globalization;
using System.Text;

namespace SemCache.Backfill;

/// <summary>
/// The object keys the image.pollinations.ai worker stores images under: <c>pathname + search</c> (query sorted by
/// name, nofeed/no-cache/token/referrer/referer dropped) with <c>/</c>, white space, <c>?</c>, <c>=</c> and <c>&amp;</c>
/// turned into <c>_</c>, cut to 990 characters, then <c>-</c> and a Java-style string hash of the uncut text.
/// </summary>
public static partial class PollinationsKey
{
    public const int MaxBodyLength = 990;

    public const string PathPrefix = "/prompt/";

    /// <summary>Parameter names the worker passes on, sorted ordinally (how the key lists them).</summary>
    public static readonly IReadOnlyList<string> KnownParameters =
    [
        "enhance", "guidance_scale", "height", "image", "model", "negative_prompt", "nologo", "private", "quality",
        "safe", "seed", "transparent", "width",
    ];

    private static readonly HashSet<string> Dropped = new(StringComparer.Ordinal) { "nofeed", "no-cache", "token", "referrer", "referer" };

    /// <summary>The key of a request; <paramref name="query"/> holds decoded names and values, in any order.</summary>
    public static string Encode(string pathname, IReadOnlyList<KeyValuePair<string, string>> query)
    {
        var full = PathAndSearch(pathname, query);
        var body = new StringBuilder(full.Length);
        foreach (var c in full)
        {
            body.Append(c is '/' or '?' or '=' or '&' || char.IsWhiteSpace(c) ? '_' : c);
        }

        var cut = body.Length > MaxBodyLength ? body.ToString(0, MaxBodyLength) : body.ToString();
        return cut + "-" + Hash(full);
    }

    /// <summary><c>pathname + search</c> as the worker sees it: kept parameters sorted, values form-encoded.</summary>
    public static string PathAndSearch(string pathname, IReadOnlyList<KeyValuePair<string, string>> query)
    {
        var kept = query.Where(p => !Dropped.Contains(p.Key)).OrderBy(p => p.Key, StringComparer.Ordinal).ToList();
        if (kept.Count == 0)
        {
            return pathname;
        }

        var sb = new StringBuilder(pathname).Append('?');
        for (var i = 0; i < kept.Count; i++)
        {
            if (i > 0)
            {
                sb.Append('&');
            }

            FormEncode(sb, kept[i].Key);
            sb.Append('=');
            FormEncode(sb, kept[i].Value);
        }

        return sb.ToString();
    }

    /// <summary>The path of a prompt as encodeURIComponent writes it (what fetch clients and the website send).</summary>
    public static string PromptPath(string prompt) => PathPrefix + PercentEncode(prompt, PathStyle.Component);

    /// <summary>Hex of |h| (at most 8 digits, no padding), h = h*31 + c over UTF-16 code units in 32-bit arithmetic.</summary>
    public static string Hash(string text)
    {
        var h = 0;
        foreach (var c in text)
        {
            h = unchecked((h * 31) + c);
        }

        var hex = Math.Abs((long)h).ToString("x", CultureInfo.InvariantCulture);
        return hex.Length > 8 ? hex[..8] : hex;
    }

    private static void FormEncode(StringBuilder sb, string value)
    {
        Span<byte> utf8 = stackalloc byte[4];
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsAsciiLetterOrDigit(c) || c is '*' or '-' or '.' or '_')
            {
                sb.Append(c);
            }
            else if (c == ' ')
            {
                sb.Append('+');
            }
            else
            {
                i += AppendEscaped(sb, value, i, utf8) - 1;
            }
        }
    }

    private static string PercentEncode(string text, PathStyle style)
    {
        var sb = new StringBuilder(text.Length * 2);
        Span<byte> utf8 = stackalloc byte[4];
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c < 0x80 && Keeps(c, style))
            {
                sb.Append(c);
            }
            else
            {
                i += AppendEscaped(sb, text, i, utf8) - 1;
            }
        }

        return sb.ToString();
    }

    private static bool Keeps(char c, PathStyle style) => style switch
    {
        PathStyle.Component => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '!' or '~' or '*' or '\'' or '(' or ')',
        PathStyle.Strict => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~',
        // A URL typed as is: the URL parser escapes only the path percent-encode set.
        _ => c > 0x20 && c < 0x7F && c is not ('"' or '#' or '<' or '>' or '?' or '`' or '{' or '}'),
    };

    /// <summary>Appends the UTF-8 escapes of the code point at <paramref name="i"/>; returns the UTF-16 units used.</summary>
    private static int AppendEscaped(StringBuilder sb, string text, int i, Span<byte> utf8)
    {
        var units = char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]) ? 2 : 1;
        var rune = units == 2 ? new Rune(text[i], text[i + 1]) : Rune.IsValid(text[i]) ? new Rune(text[i]) : Rune.ReplacementChar;
        var n = rune.EncodeToUtf8(utf8);
        foreach (var b in utf8[..n])
        {
            sb.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
        }

        return units;
    }

    private enum PathStyle
    {
        Component,
        Strict,
        Typed,
    }
}
