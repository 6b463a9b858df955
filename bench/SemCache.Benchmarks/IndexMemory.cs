using System.Diagnostics;
using SemCache.Index.Embedded;

namespace SemCache.Benchmarks;

/// <summary>
/// Managed memory the embedded index keeps for 100k 384-d entries (<c>-- --index-memory</c>): heap size before and
/// after opening, both fully collected. Retained bytes are not something BenchmarkDotNet reports, hence this mode.
/// </summary>
public static class IndexMemory
{
    public const string Switch = "--index-memory";

    public static async Task RunAsync(int entries = 100_000)
    {
        var directory = Path.Combine(Path.GetTempPath(), $"semcache-memory-{Guid.NewGuid():N}");
        try
        {
            var baseline = Collect();
            var fillTime = Stopwatch.StartNew();
            using (var filling = EmbeddedVectorIndex.Open(directory))
            {
                await BenchVectors.FillAsync(filling, entries, others: 0, seed: 7);
                fillTime.Stop();
                Report("grown by upserts (live growth)", Collect() - baseline, entries);
            }

            var before = Collect();
            var openTime = Stopwatch.StartNew();
            using var index = EmbeddedVectorIndex.Open(directory);
            openTime.Stop();
            Report("freshly opened (exact capacity)", Collect() - before, entries);
            GC.KeepAlive(index);
            Console.WriteLine($"fill: {fillTime.Elapsed.TotalSeconds:F1} s, open (load all rows): {openTime.Elapsed.TotalSeconds:F2} s");
            var size = new FileInfo(Path.Combine(directory, EmbeddedVectorIndex.FileName)).Length;
            Console.WriteLine($"index.db: {size / 1e6:F1} MB");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static long Collect()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private static void Report(string label, long bytes, int entries) =>
        Console.WriteLine($"{label}: {bytes / 1e6:F1} MB for {entries:N0} entries ({(double)bytes / entries:F0} B/entry)");
}
