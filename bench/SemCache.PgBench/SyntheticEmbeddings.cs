using SemCache.Core.Numerics;

namespace SemCache.PgBench;

/// <summary>
/// Unit vectors shaped like a prompt cache: entries gather around topics (cosine ~0.7 to their topic), and a
/// realistic query is a paraphrase of a stored prompt (cosine ~0.87 to it). Uniform queries are the hard case.
/// </summary>
internal sealed class SyntheticEmbeddings(int dimensions, int seed)
{
    private readonly Random _random = new(seed);

    public float[][] Entries(int count, int entriesPerTopic)
    {
        var topics = Enumerable.Range(0, Math.Max(1, count / entriesPerTopic)).Select(_ => Uniform()).ToArray();
        return Enumerable.Range(0, count).Select(_ => Near(topics[_random.Next(topics.Length)], 1.02f)).ToArray();
    }

    public float[] Paraphrase(float[] of) => Near(of, 0.57f);

    public float[] Uniform()
    {
        var v = new float[dimensions];
        for (var i = 0; i < v.Length; i++)
        {
            // Box-Muller: Gaussian coordinates give directions uniform on the sphere.
            v[i] = (float)(Math.Sqrt(-2 * Math.Log(1 - _random.NextDouble())) * Math.Cos(2 * Math.PI * _random.NextDouble()));
        }

        VectorMath.NormalizeInPlace(v);
        return v;
    }

    /// <summary>center + spread * (random unit): cosine to center about 1/sqrt(1 + spread²) in high dimensions.</summary>
    private float[] Near(float[] center, float spread)
    {
        var noise = Uniform();
        var v = new float[dimensions];
        for (var i = 0; i < v.Length; i++)
        {
            v[i] = center[i] + (spread * noise[i]);
        }

        VectorMath.NormalizeInPlace(v);
        return v;
    }
}
