using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace SemCache.Index.Embedded;

/// <summary>
/// Symmetric int8 codes with one scale per vector (max |x| / 127): a 384-d vector in 388 bytes instead of 1,536.
/// Only ranks candidates; every similarity the index returns is recomputed from the fp32 vector.
/// </summary>
internal static class Int8Codes
{
    /// <summary>Writes the codes of <paramref name="vector"/> and returns the scale that maps them back.</summary>
    public static float Encode(ReadOnlySpan<float> vector, Span<sbyte> codes)
    {
        var max = 0f;
        foreach (var x in vector)
        {
            max = MathF.Max(max, MathF.Abs(x));
        }

        if (max == 0f || !float.IsFinite(max))
        {
            codes.Clear();
            return 0f;
        }

        var inverse = 127f / max;
        for (var i = 0; i < vector.Length; i++)
        {
            codes[i] = (sbyte)Math.Clamp(MathF.Round(vector[i] * inverse), -127f, 127f);
        }

        return max / 127f;
    }

    /// <summary>Integer dot product; |a_i|, |b_i| &lt;= 127 so a pair sum fits a 16-bit lane pair and 384-d fits an int.</summary>
    public static int Dot(ReadOnlySpan<sbyte> a, ReadOnlySpan<sbyte> b)
    {
        var i = 0;
        var sum = 0;
        ref var ra = ref MemoryMarshal.GetReference(a);
        ref var rb = ref MemoryMarshal.GetReference(b);
        if (Avx2.IsSupported)
        {
            var acc = Vector256<int>.Zero;
            for (; i <= a.Length - 16; i += 16)
            {
                var va = Avx2.ConvertToVector256Int16(Vector128.LoadUnsafe(ref ra, (nuint)i));
                var vb = Avx2.ConvertToVector256Int16(Vector128.LoadUnsafe(ref rb, (nuint)i));
                acc = Avx2.Add(acc, Avx2.MultiplyAddAdjacent(va, vb));
            }

            sum = Vector256.Sum(acc);
        }
        else if (Vector128.IsHardwareAccelerated)
        {
            var acc = Vector128<int>.Zero;
            for (; i <= a.Length - 16; i += 16)
            {
                var (aLow, aHigh) = Vector128.Widen(Vector128.LoadUnsafe(ref ra, (nuint)i));
                var (bLow, bHigh) = Vector128.Widen(Vector128.LoadUnsafe(ref rb, (nuint)i));

                // 127 * 127 fits a short; the products are widened before they are summed.
                var (p0, p1) = Vector128.Widen(aLow * bLow);
                var (p2, p3) = Vector128.Widen(aHigh * bHigh);
                acc += p0 + p1 + p2 + p3;
            }

            sum = Vector128.Sum(acc);
        }

        for (; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }
}
