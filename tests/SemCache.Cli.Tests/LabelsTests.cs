using System.Text.Json;
using SemCache.Core.Review;
using SemCache.Index.Embedded;

namespace SemCache.Tests;

/// <summary><c>semcache labels export</c> and <c>stats</c> on a data directory holding labelled pairs.</summary>
public sealed class LabelsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("semcache-labels-").FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private string Data => Path.Combine(_dir, "data");

    /// <summary>Three labelled pairs (two hits, one of them wrong; one rejected but fine) and one unlabelled.</summary>
    private async Task SeedAsync()
    {
        using var store = SqliteReviewStore.Open(Path.Combine(Data, "index"));
        var labelledAt = new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);
        (string A, string B, string Decision, bool? Acceptable)[] rows =
        [
            ("A red fox in the snow.", "a red fox in the snow", PairDecisions.Hit, true),
            ("a red car parked on a street", "a blue car parked on a street", PairDecisions.Hit, false),
            ("a photo of a cat wearing a hat", "a cat wearing a small hat, photo", PairDecisions.Rejected, true),
            ("a lighthouse at dusk", "a lighthouse at dawn", PairDecisions.Hit, null),
        ];
        for (var i = 0; i < rows.Length; i++)
        {
            var (a, b, decision, acceptable) = rows[i];
            var id = i.ToString("x32", System.Globalization.CultureInfo.InvariantCulture);
            await store.RecordAsync(new RecordedPair
            {
                Id = id,
                RecordedAt = labelledAt.AddMinutes(-10 + i),
                Mode = PairDecisions.ShadowMode,
                Partition = "p" + (i % 2),
                PartitionDescription = "model=flux size=1024x1024 #" + (i % 2),
                Model = "flux",
                QueryKey = "q" + i,
                QueryPrompt = a,
                QuerySha256 = "qs" + i,
                CandidateKey = "c" + i,
                CandidatePrompt = b,
                CandidateSha256 = "cs" + i,
                Similarity = 0.9f,
                Threshold = 0.805f,
                Decision = decision,
                Reason = "test",
                Checks = [new PairCheck("colour", decision == PairDecisions.Hit, null)],
            });
            if (acceptable is { } ok)
            {
                Assert.True(await store.LabelAsync(id, new PairLabel(ok, "alice", labelledAt.AddMinutes(i))));
            }
        }
    }

    [Fact]
    public async Task Export_writes_pair_tsv_that_eval_reads_back()
    {
        await SeedAsync();
        var tsv = Path.Combine(_dir, "live.tsv");
        var (code, _, stderr) = await CliRunner.RunAsync(_dir, null, "labels", "export", "--data", Data, "--out", tsv);
        Assert.True(code == 0, stderr);
        var lines = await File.ReadAllLinesAsync(tsv);
        Assert.Equal("a\tb\tlabel\tcategory\tlang\tsource", lines[0]);
        Assert.Equal(
        [
            "A red fox in the snow.\ta red fox in the snow\t1\tlive\ten\tlive:2026-12-01",
            "a red car parked on a street\ta blue car parked on a street\t0\tlive\ten\tlive:2026-12-01",
            "a photo of a cat wearing a hat\ta cat wearing a small hat, photo\t1\tlive\ten\tlive:2026-12-01",
        ], lines[1..]);

        var (evalCode, stdout, evalErr) = await CliRunner.RunAsync(_dir, null, "eval", "--pairs", tsv, "--json");
        Assert.True(evalCode == 0, evalErr);
        var report = JsonDocument.Parse(stdout).RootElement;
        Assert.Equal(3, report.GetProperty("pairs").GetInt32());
        Assert.Equal(2, report.GetProperty("positives").GetInt32());
        Assert.Equal(1, report.GetProperty("negatives").GetInt32());
        Assert.True(report.GetProperty("by_category").TryGetProperty("live", out _));
    }

    [Fact]
    public async Task Export_since_a_later_date_is_empty_and_json_lists_reviewers()
    {
        await SeedAsync();
        var (code, stdout, stderr) = await CliRunner.RunAsync(_dir, null, "labels", "export", "--data", Data, "--since", "2026-12-01T10:01:30Z", "--json");
        Assert.True(code == 0, stderr);
        var rows = JsonDocument.Parse(stdout).RootElement.EnumerateArray().ToList();
        var row = Assert.Single(rows);
        Assert.Equal("a photo of a cat wearing a hat", row.GetProperty("a").GetString());
        Assert.Equal("alice", row.GetProperty("reviewer").GetString());
    }

    [Fact]
    public async Task Stats_reports_the_false_hit_rate_with_a_wilson_interval_per_partition()
    {
        await SeedAsync();
        var (code, stdout, stderr) = await CliRunner.RunAsync(_dir, null, "labels", "stats", "--data", Data, "--json");
        Assert.True(code == 0, stderr);
        var root = JsonDocument.Parse(stdout).RootElement;
        Assert.Equal(4, root.GetProperty("pairs").GetInt64());
        Assert.Equal(3, root.GetProperty("labelled").GetInt64());
        Assert.Equal(2, root.GetProperty("labelled_hits").GetInt64()); // the rejected pair is not a hit
        Assert.Equal(1, root.GetProperty("false_hits").GetInt64());
        Assert.Equal(0.5, root.GetProperty("false_hit_rate").GetDouble());
        Assert.InRange(root.GetProperty("interval_low").GetDouble(), 0.0945, 0.0946); // Wilson 1 of 2
        Assert.InRange(root.GetProperty("interval_high").GetDouble(), 0.9054, 0.9055);
        var partitions = root.GetProperty("partitions").EnumerateArray().ToDictionary(p => p.GetProperty("partition").GetString()!);
        Assert.Equal(0.0, partitions["p0"].GetProperty("false_hit_rate").GetDouble());
        Assert.Equal(1.0, partitions["p1"].GetProperty("false_hit_rate").GetDouble());
    }

    [Fact]
    public async Task Stats_on_a_directory_without_a_cache_is_a_usage_error_and_creates_nothing()
    {
        var (code, _, stderr) = await CliRunner.RunAsync(_dir, null, "labels", "stats", "--data", Data);
        Assert.Equal(2, code);
        Assert.StartsWith("semcache: no cache index", stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Data));
    }

    [Fact]
    public async Task A_bad_since_is_a_usage_error()
    {
        Directory.CreateDirectory(Path.Combine(Data, "index"));
        var (code, _, stderr) = await CliRunner.RunAsync(_dir, null, "labels", "export", "--data", Data, "--since", "last tuesday");
        Assert.Equal(2, code);
        Assert.StartsWith("semcache: --since", stderr, StringComparison.Ordinal);
        Assert.Single(stderr.Trim().Split('\n'));
    }
}
