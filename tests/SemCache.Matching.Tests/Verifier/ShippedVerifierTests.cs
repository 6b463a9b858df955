using System.Text.Json;
using SemCache.Evaluation;
using SemCache.Matching;
using SemCache.Matching.Verifier;
using SemCache.Tests.Embedding;

namespace SemCache.Tests.Verifier;

/// <summary>
/// The shipped model file reproduces what its training run recorded (pair-verifier.metrics.json, quoted in
/// DATACARD.md): the whole held-out split through the real pipeline (the int8 MiniLM it was calibrated on, as the
/// server runs by default; vetoes; verifier).
/// </summary>
public sealed class ShippedVerifierTests
{
    private static string VerifierDir => Path.Combine(RepoRoot(), "src", "SemCache.Matching", "Verifier");

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "SemCache.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Repository root not found.");
    }

    private static EvalReport Recorded(string split)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(VerifierDir, "pair-verifier.metrics.json")));
        return doc.RootElement.GetProperty(split).Deserialize<EvalReport>()!;
    }

    [Fact]
    public async Task Shipped_model_reproduces_its_recorded_dev_test_metrics()
    {
        var pairs = PairFile.Read(Path.Combine(RepoRoot(), "datasets", "pairs", "dev-test.tsv"));
        var report = await new PairEvaluator(SharedEmbedder.Int8, new MatchOptions { VerifierEnabled = true }).EvaluateAsync(pairs);
        var recorded = Recorded("Test");

        Assert.Equal(JsonSerializer.Serialize(recorded), JsonSerializer.Serialize(report));
    }

    [Fact]
    public void Shipped_model_file_is_the_embedded_resource()
    {
        using var file = File.OpenRead(Path.Combine(VerifierDir, "pair-verifier.json"));
        var onDisk = VerifierModel.Read(file);
        var shipped = PairVerifier.Shipped.Model;

        Assert.Equal(onDisk.Trees.Count, shipped.Trees.Count);
        Assert.Equal(onDisk.Cutoff, shipped.Cutoff);
        Assert.Equal(onDisk.MinSimilarity, shipped.MinSimilarity);
        Assert.True(shipped.Cutoff is > 0f and < 1f);
    }
}
