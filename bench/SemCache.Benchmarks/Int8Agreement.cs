using System.Diagnostics;
using System.Globalization;
using SemCache.Embedding;

namespace SemCache.Benchmarks;

/// <summary>
/// How closely the int8 MiniLM follows fp32 on real prompts (<c>-- --int8-agreement [PROMPTS] [N]</c>): cosine between
/// the two vectors of each prompt (mean, min, 1st and 5th percentile), and how long quantising takes. Agreement is not
/// a timing, so BenchmarkDotNet has no column for it.
/// </summary>
public static class Int8Agreement
{
    public const string Switch = "--int8-agreement";

    public static int Run(string promptsFile, int count)
    {
        var prompts = File.ReadLines(promptsFile).Select(p => p.Trim()).Where(p => p.Length > 0)
            .Distinct(StringComparer.Ordinal).Take(count).ToList();
        var clock = Stopwatch.StartNew();
        var int8Bytes = Int8Quantizer.Quantize(MiniLmEmbedder.ReadModel());
        var quantiseMs = clock.Elapsed.TotalMilliseconds;
        using var fp32 = MiniLmEmbedder.Create();
        using var int8 = MiniLmEmbedder.CreateInt8(modelDirectory: null);
        var cosines = new double[prompts.Count];
        for (var i = 0; i < prompts.Count; i += 16)
        {
            var run = prompts.Skip(i).Take(16).ToList();
            var a = fp32.Embed(run);
            var b = int8.Embed(run);
            for (var j = 0; j < run.Count; j++)
            {
                cosines[i + j] = a[j].Zip(b[j], (x, y) => (double)x * y).Sum();
            }
        }

        Array.Sort(cosines);
        string F(double v) => v.ToString("F4", CultureInfo.InvariantCulture);
        Console.WriteLine($"{prompts.Count} prompts from {promptsFile}: cosine(fp32, int8) mean {F(cosines.Average())}, "
            + $"min {F(cosines[0])}, p1 {F(cosines[cosines.Length / 100])}, p5 {F(cosines[cosines.Length / 20])}; "
            + $"int8 graph {int8Bytes.Length / 1e6:F1} MB, quantised in {quantiseMs:F0} ms");
        return 0;
    }
}
