namespace SemCache.Tests.Services;

/// <summary>Reproducible random unit vectors for index tests.</summary>
public sealed class TestVectors(int seed, int dimensions = 384)
{
    private readonly Random _random = new(seed);

    public float[] Next()
    {
        var vector = new float[dimensions];
        var norm = 0.0;
        for (var i = 0; i < vector.Length; i++)
        {
            // Sum of uniforms: close enough to Gaussian for directions spread over the sphere.
            vector[i] = (float)(_random.NextDouble() + _random.NextDouble() + _random.NextDouble() - 1.5);
            norm += vector[i] * vector[i];
        }

        var scale = (float)(1 / Math.Sqrt(norm));
        for (var i = 0; i < vector.Length; i++)
        {
            vector[i] *= scale;
        }

        return vector;
    }

    public static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var sum = 0f;
        for (var i = 0; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }

    public static string Key(int n) => n.ToString("x64", System.Globalization.CultureInfo.InvariantCulture);
}
