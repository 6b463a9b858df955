using System.Buffers.Binary;

namespace SemCache.Index.Embedded;

/// <summary>
/// A SHA-256 hex digest kept as 32 bytes: the index holds a key and a blob digest per row, and as strings they would
/// cost ~300 bytes a row instead of 64 (about 25 MB per 100k entries).
/// </summary>
internal readonly struct Digest256 : IEquatable<Digest256>
{
    private readonly ulong _a;
    private readonly ulong _b;
    private readonly ulong _c;
    private readonly ulong _d;

    private Digest256(ulong a, ulong b, ulong c, ulong d)
    {
        _a = a;
        _b = b;
        _c = c;
        _d = d;
    }

    /// <summary>Parses exactly 64 lowercase hex characters; anything else is refused.</summary>
    public static bool TryParse(string? hex, out Digest256 digest)
    {
        digest = default;
        return hex is not null && TryParse(hex.AsSpan(), out digest);
    }

    /// <summary>The same over ASCII bytes (a key as SQLite stores it), without making a string.</summary>
    public static bool TryParse(ReadOnlySpan<byte> hex, out Digest256 digest)
    {
        digest = default;
        if (hex.Length != 64)
        {
            return false;
        }

        Span<char> chars = stackalloc char[64];
        for (var i = 0; i < 64; i++)
        {
            chars[i] = (char)hex[i];
        }

        return TryParse(chars, out digest);
    }

    private static bool TryParse(ReadOnlySpan<char> hex, out Digest256 digest)
    {
        digest = default;
        if (hex.Length != 64)
        {
            return false;
        }

        foreach (var c in hex)
        {
            if (!char.IsAsciiDigit(c) && c is not (>= 'a' and <= 'f'))
            {
                return false;
            }
        }

        Span<byte> bytes = stackalloc byte[32];
        Convert.FromHexString(hex, bytes, out _, out _);
        digest = new Digest256(
            BinaryPrimitives.ReadUInt64BigEndian(bytes),
            BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]),
            BinaryPrimitives.ReadUInt64BigEndian(bytes[16..]),
            BinaryPrimitives.ReadUInt64BigEndian(bytes[24..]));
        return true;
    }

    public static Digest256 Parse(string hex, string paramName) =>
        TryParse(hex, out var digest)
            ? digest
            : throw new ArgumentException("Expected 64 lowercase hex characters (a SHA-256 digest).", paramName);

    /// <summary>The first 64 bits: the row's label in an approximate graph (a clash is detected, never trusted).</summary>
    public ulong Label => _a;

    public bool Equals(Digest256 other) => _a == other._a && _b == other._b && _c == other._c && _d == other._d;

    public override bool Equals(object? obj) => obj is Digest256 other && Equals(other);

    // Seeded per process: keys come from user prompts, so a fixed 32-bit slice could be brute-forced into one bucket.
    public override int GetHashCode() => HashCode.Combine(_a, _b, _c, _d);

    public override string ToString()
    {
        Span<byte> bytes = stackalloc byte[32];
        BinaryPrimitives.WriteUInt64BigEndian(bytes, _a);
        BinaryPrimitives.WriteUInt64BigEndian(bytes[8..], _b);
        BinaryPrimitives.WriteUInt64BigEndian(bytes[16..], _c);
        BinaryPrimitives.WriteUInt64BigEndian(bytes[24..], _d);
        return Convert.ToHexStringLower(bytes);
    }
}
