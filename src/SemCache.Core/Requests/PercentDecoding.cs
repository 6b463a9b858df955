using System.Text;

namespace SemCache.Core.Requests;

/// <summary>Strict percent-decoding: a malformed escape or bytes that are not UTF-8 are errors, not guesses.</summary>
public static class PercentDecoding
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static bool TryDecode(ReadOnlySpan<char> encoded, bool plusIsSpace, out string decoded)
    {
        decoded = string.Empty;
        if (encoded.IndexOf('%') < 0 && (!plusIsSpace || encoded.IndexOf('+') < 0))
        {
            decoded = encoded.ToString();
            return !HasLoneSurrogate(decoded);
        }

        var bytes = new List<byte>(encoded.Length);
        Span<byte> utf8 = stackalloc byte[4];
        for (var i = 0; i < encoded.Length; i++)
        {
            var c = encoded[i];
            if (c == '%')
            {
                if (i + 2 >= encoded.Length || !IsHex(encoded[i + 1]) || !IsHex(encoded[i + 2]))
                {
                    return false;
                }

                bytes.Add((byte)((HexValue(encoded[i + 1]) << 4) | HexValue(encoded[i + 2])));
                i += 2;
            }
            else if (c == '+' && plusIsSpace)
            {
                bytes.Add((byte)' ');
            }
            else if (c < 0x80)
            {
                bytes.Add((byte)c);
            }
            else
            {
                // Raw non-ASCII characters (a lenient client): keep them as their UTF-8 bytes.
                if (char.IsSurrogate(c))
                {
                    if (i + 1 >= encoded.Length || !char.IsSurrogatePair(c, encoded[i + 1]))
                    {
                        return false;
                    }

                    var n = Encoding.UTF8.GetBytes(encoded.Slice(i, 2), utf8);
                    bytes.AddRange(utf8[..n]);
                    i++;
                }
                else
                {
                    var n = Encoding.UTF8.GetBytes(encoded.Slice(i, 1), utf8);
                    bytes.AddRange(utf8[..n]);
                }
            }
        }

        try
        {
            decoded = StrictUtf8.GetString(bytes.ToArray());
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    private static bool HasLoneSurrogate(string s)
    {
        for (var i = 0; i < s.Length; i++)
        {
            if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(s[i]))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsHex(char c) => char.IsAsciiHexDigit(c);

    private static int HexValue(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
}
