using System.Runtime.InteropServices;
using SemCache.Core.Numerics;
using SemCache.Embedding;

namespace SemCache.IndexBench;

/// <summary>
/// Realistic vectors for index benchmarks: the real MiniLM embeddings of the workload prompts (computed once and
/// cached), and from them as many entries as asked. An entry is a random convex mixture of two real prompt vectors
/// (weight uniform in 0.5-1, so it stays closest to its first source) plus Gaussian noise, normalised: it keeps the
/// clustering and anisotropy of real embeddings, which uniform random vectors lack. Queries are (a) held-out real
/// prompts never used as sources and (b) near duplicates of stored entries (cosine ~0.95), the cache-hit case.
/// </summary>
internal sealed class WorkloadVectors
{
    private const int Dimension = 384;
    private const int HeldOut = 1000;
    private readonly float[][] _sources;
    private readonly float[][] _heldOut;

    private WorkloadVectors(float[][] real)
    {
        _sources = real[..^HeldOut];
        _heldOut = real[^HeldOut..];
    }

    public int RealPrompts => _sources.Length + _heldOut.Length;

    /// <summary>Embeds the prompts file (one prompt a line) with the shipped MiniLM, or reads the cached result.</summary>
    public static WorkloadVectors Load(string promptsFile, string cacheFile)
    {
        var prompts = File.ReadAllLines(promptsFile).Where(p => p.Length > 0).ToArray();
        if (File.Exists(cacheFile) && new FileInfo(cacheFile).Length == (long)prompts.Length * Dimension * sizeof(float))
        {
            var floats = MemoryMarshal.Cast<byte, float>(File.ReadAllBytes(cacheFile)).ToArray();
            return new WorkloadVectors(Enumerable.Range(0, prompts.Length).Select(i => floats.AsSpan(i * Dimension, Dimension).ToArray()).ToArray());
        }

        Console.Error.WriteLine($"embedding {prompts.Length} workload prompts with MiniLM (once; cached in {cacheFile})...");
        using var embedder = MiniLmEmbedder.Create();
        var vectors = new List<float[]>(prompts.Length);
        foreach (var chunk in prompts.Chunk(8))
        {
            vectors.AddRange(embedder.Embed(chunk));
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(cacheFile))!);
        File.WriteAllBytes(cacheFile, MemoryMarshal.AsBytes(vectors.SelectMany(v => v).ToArray().AsSpan()).ToArray());
        return new WorkloadVectors([.. vectors]);
    }

    /// <summary><paramref name="count"/> entries, deterministic for a seed.</summary>
    public float[][] Entries(int count, int seed)
    {
        var random = new Random(seed);
        var entries = new float[count][];
        for (var i = 0; i < count; i++)
        {
            // The first rows are the real vectors themselves; the rest are mixtures around them.
            entries[i] = i < _sources.Length ? (float[])_sources[i].Clone() : Mixture(random);
        }

        return entries;
    }

    /// <summary>Half held-out real prompts, half near duplicates of random stored entries.</summary>
    public float[][] Queries(float[][] entries, int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count)
            .Select(i => i % 2 == 0 ? _heldOut[i / 2 % _heldOut.Length] : Noisy(entries[random.Next(entries.Length)], 0.016f, random))
            .ToArray();
    }

    /// <summary>A near duplicate of a random stored entry (the cache-hit case) and the entry's index.</summary>
    public (float[] Query, int Source) NearDuplicate(float[][] entries, Random random)
    {
        var source = random.Next(entries.Length);
        return (Noisy(entries[source], 0.016f, random), source);
    }

    /// <summary>The i-th held-out real prompt's vector (never a source of an entry).</summary>
    public float[] HeldOutQuery(int i) => _heldOut[i % _heldOut.Length];

    private float[] Mixture(Random random)
    {
        var a = _sources[random.Next(_sources.Length)];
        var b = _sources[random.Next(_sources.Length)];
        var w = 0.5f + (0.5f * random.NextSingle());
        var v = new float[Dimension];
        for (var d = 0; d < Dimension; d++)
        {
            v[d] = (w * a[d]) + ((1 - w) * b[d]);
        }

        return Noisy(v, 0.02f, random);
    }

    /// <summary>v + Gaussian noise of the given per-coordinate deviation, normalised (0.016 gives cosine ~0.95).</summary>
    private static float[] Noisy(float[] v, float sigma, Random random)
    {
        var result = new float[v.Length];
        for (var d = 0; d < v.Length; d++)
        {
            var gaussian = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            result[d] = v[d] + (sigma * (float)gaussian);
        }

        VectorMath.NormalizeInPlace(result);
        return result;
    }
}
