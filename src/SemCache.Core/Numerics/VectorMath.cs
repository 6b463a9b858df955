using System.Numerics;
using System.Runtime.InteropServices;

namespace SemCache.Core.Numerics;

/// <summary>SIMD helpers for float vectors (allocation-free).</summary>
public static class VectorMath
{
    public static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        if (a.Length != b.Length)
        {
            throw new ArgumentException("Vectors differ in length.", nameof(b));
        }

        var sum = Vector<float>.Zero;
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var va = MemoryMarshal.Cast<float, Vector<float>>(a);
            var vb = MemoryMarshal.Cast<float, Vector<float>>(b);
            for (var j = 0; j < va.Length; j++)
            {
                sum += va[j] * vb[j];
            }

            i = va.Length * Vector<float>.Count;
        }

        var result = Vector.Sum(sum);
        for (; i < a.Length; i++)
        {
            result += a[i] * b[i];
        }

        return result;
    }

    public static void NormalizeInPlace(Span<float> v)
    {
        var norm = MathF.Sqrt(Dot(v, v));
        if (norm <= 0 || !float.IsFinite(norm))
        {
            return;
        }

        var inv = 1f / norm;
        for (var i = 0; i < v.Length; i++)
        {
            v[i] *= inv;
        }
    }
}
