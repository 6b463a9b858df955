using SemCache.Core.Index;
using SemCache.Index.Embedded;

namespace SemCache.Benchmarks;

/// <summary>Seeded random unit vectors and an embedded index filled with them, shared by the index benchmarks.</summary>
public static class BenchVectors
{
    public const int Dimension = 384;
    public const string EmbedderId = "bench-embedder@1";

    /// <summary>Partitions that sit beside the searched one, as in a real cache with many models and sizes.</summary>
    public const int OtherPartitions = 3;
    public const int OtherPartitionSize = 10_000;

    public static float[] RandomUnit(Random random)
    {
        var v = new float[Dimension];
        var norm = 0.0;
        for (var i = 0; i < v.Length; i++)
        {
            v[i] = (float)((random.NextDouble() * 2) - 1);
            norm += v[i] * (double)v[i];
        }

        var inv = (float)(1 / Math.Sqrt(norm));
        for (var i = 0; i < v.Length; i++)
        {
            v[i] *= inv;
        }

        return v;
    }

    public static string Partition(int n) => Hex(0x7000_0000 + n);

    /// <summary>
    /// Fills partition 0 with <paramref name="size"/> rows and partitions 1..others with their fixed size; partition 0's
    /// vectors are added to <paramref name="searched"/> when given.
    /// </summary>
    public static async Task FillAsync(IVectorIndex index, int size, int others, int seed, List<float[]>? searched = null)
    {
        var random = new Random(seed);
        var serial = 0;
        for (var p = 0; p <= others; p++)
        {
            var count = p == 0 ? size : OtherPartitionSize;
            var batch = new List<IndexEntry>(2_000);
            for (var i = 0; i < count; i++)
            {
                var vector = RandomUnit(random);
                if (p == 0)
                {
                    searched?.Add(vector);
                }

                batch.Add(new IndexEntry
                {
                    Key = Hex(serial),
                    Partition = Partition(p),
                    EmbedderId = EmbedderId,
                    Prompt = $"a watercolour painting of lighthouse number {serial} at dusk, soft light",
                    Vector = vector,
                    BlobSha256 = Hex(serial + 0x4000_0000),
                    Created = DateTimeOffset.UnixEpoch.AddSeconds(serial),
                });
                serial++;
                if (batch.Count == batch.Capacity || i == count - 1)
                {
                    await index.UpsertManyAsync(batch);
                    batch.Clear();
                }
            }
        }
    }

    /// <summary>A 64-char lowercase hex name, distinct per number (what cache keys and digests look like).</summary>
    public static string Hex(int n) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(BitConverter.GetBytes(n)));
}
