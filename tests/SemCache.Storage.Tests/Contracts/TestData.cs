using System.Security.Cryptography;
using System.Text;

namespace SemCache.Tests.Contracts;

/// <summary>Deterministic keys and vectors for the contract suites; every name is salted by the test's scope.</summary>
public static class TestData
{
    /// <summary>The dimension every contract test uses (the shipped MiniLM's), so fixed-width backends fit.</summary>
    public const int Dimension = 384;

    /// <summary>A 64-char lowercase hex digest derived from the text.</summary>
    public static string Hex(string text) => Hex(Encoding.UTF8.GetBytes(text));

    /// <summary>The lowercase hex SHA-256 of the bytes.</summary>
    public static string Hex(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>A random unit vector; the same seed always gives the same vector.</summary>
    public static float[] RandomUnit(int seed, int dimension = Dimension)
    {
        var random = new Random(seed);
        var v = new float[dimension];
        for (var i = 0; i < v.Length; i++)
        {
            v[i] = (float)((random.NextDouble() * 2) - 1);
        }

        return Normalize(v);
    }

    /// <summary>A unit vector whose cosine with unit <paramref name="a"/> is <paramref name="cosine"/>.</summary>
    /// <param name="b">Any unit vector not parallel to <paramref name="a"/>: gives the direction to tilt towards.</param>
    public static float[] AtCosine(float[] a, float[] b, float cosine)
    {
        // Gram-Schmidt: the part of b orthogonal to a, then mix a and it.
        var dot = Dot(a, b);
        var orthogonal = Normalize(b.Select((x, i) => x - (dot * a[i])).ToArray());
        var sine = MathF.Sqrt(1 - (cosine * cosine));
        return Normalize(a.Select((x, i) => (cosine * x) + (sine * orthogonal[i])).ToArray());
    }

    public static float Dot(float[] a, float[] b)
    {
        var sum = 0.0;
        for (var i = 0; i < a.Length; i++)
        {
            sum += a[i] * (double)b[i];
        }

        return (float)sum;
    }

    private static float[] Normalize(float[] v)
    {
        var norm = MathF.Sqrt(Dot(v, v));
        return v.Select(x => x / norm).ToArray();
    }
}
