namespace SemCache.Cli.Bench;

/// <summary>Latency percentiles per outcome, hit rates and throughput of a replay.</summary>
public sealed record ReplayReport
{
    public required int Requests { get; init; }

    public required double Seconds { get; init; }

    public required double RequestsPerSecond { get; init; }

    public required double ExactHitRate { get; init; }

    public required double SemanticHitRate { get; init; }

    public required int Errors { get; init; }

    public required IReadOnlyDictionary<string, OutcomeStats> ByOutcome { get; init; }

    public static ReplayReport From(IReadOnlyList<ReplaySample> samples, double seconds)
    {
        var by = samples.GroupBy(s => s.Outcome).ToDictionary(
            g => g.Key,
            g => new OutcomeStats
            {
                Count = g.Count(),
                ClientP50Ms = Percentile(g.Select(s => s.ClientMs), 0.50),
                ClientP99Ms = Percentile(g.Select(s => s.ClientMs), 0.99),
                ServerP50Ms = Percentile(g.Where(s => s.ServerMs is not null).Select(s => s.ServerMs!.Value), 0.50),
                ServerP99Ms = Percentile(g.Where(s => s.ServerMs is not null).Select(s => s.ServerMs!.Value), 0.99),
                OverheadP50Ms = Percentile(g.Where(s => s.ServerMs is not null && s.OriginMs is not null).Select(s => s.ServerMs!.Value - s.OriginMs!.Value), 0.50),
                OverheadP99Ms = Percentile(g.Where(s => s.ServerMs is not null && s.OriginMs is not null).Select(s => s.ServerMs!.Value - s.OriginMs!.Value), 0.99),
            });
        var n = Math.Max(1, samples.Count);
        return new ReplayReport
        {
            Requests = samples.Count,
            Seconds = seconds,
            RequestsPerSecond = samples.Count / Math.Max(seconds, 1e-9),
            ExactHitRate = samples.Count(s => s.Outcome == "exact") / (double)n,
            SemanticHitRate = samples.Count(s => s.Outcome == "semantic") / (double)n,
            Errors = samples.Count(s => s.Status >= 400),
            ByOutcome = by,
        };
    }

    private static double? Percentile(IEnumerable<double> values, double p)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            return null;
        }

        var rank = (int)Math.Ceiling(p * sorted.Length) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Length - 1)];
    }
}

/// <summary>Percentiles of one outcome (exact, semantic, miss, error). Overhead = server time minus origin time.</summary>
public sealed record OutcomeStats
{
    public int Count { get; init; }

    public double? ClientP50Ms { get; init; }

    public double? ClientP99Ms { get; init; }

    public double? ServerP50Ms { get; init; }

    public double? ServerP99Ms { get; init; }

    public double? OverheadP50Ms { get; init; }

    public double? OverheadP99Ms { get; init; }
}
