using System.Diagnostics;
using SemCache.Embedding;

/// <summary>
/// Embeds prompts exactly as the backfill does (sorted by length, runs of 4, one run per core at a time) and prints
/// prompts per second and CPU per prompt: the upper bound of backfill throughput with the shipped model.
/// </summary>
internal static class EmbedCeiling
{
    public static int Run(string promptsFile, int count)
    {
        var prompts = File.ReadLines(promptsFile).Select(p => p.Trim()).Where(p => p.Length > 0)
            .Distinct(StringComparer.Ordinal).Take(count).ToList();
        // The default embedder's int8 graph (quantised in memory), as the backfill runs it; EMBEDDER=minilm measures fp32.
        var int8 = (Environment.GetEnvironmentVariable("EMBEDDER") ?? EmbedderOptions.MiniLmInt8) == EmbedderOptions.MiniLmInt8;
        using var embedder = int8 ? MiniLmEmbedder.CreateInt8(modelDirectory: null) : MiniLmEmbedder.Create();
        embedder.Embed(prompts.Take(16).ToList()); // warm-up: session and allocator
        var chunks = prompts.OrderBy(p => p.Length).Chunk(int.Parse(Environment.GetEnvironmentVariable("CHUNK") ?? "4", System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        Parallel.ForEach(chunks, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, c => embedder.Embed(c));
        var wall = clock.Elapsed.TotalSeconds;
        var cpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds;
        Console.WriteLine($"{embedder.EmbedderId}: {prompts.Count} prompts ({prompts.Average(p => p.Length):F0} characters on average) on {Environment.ProcessorCount} cores: "
            + $"{prompts.Count / wall:F0} prompts/s, {cpuMs / prompts.Count:F2} ms CPU per prompt");
        return 0;
    }
}
