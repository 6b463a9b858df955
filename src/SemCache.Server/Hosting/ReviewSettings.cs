namespace SemCache.Server.Hosting;

/// <summary>
/// Recording semantic decisions for review (section "Review"). Shadow mode records every decision with a candidate
/// at or above the threshold; serve mode records a sample of served hits. See docs/operations.md.
/// </summary>
public sealed record ReviewSettings
{
    /// <summary>Share of served semantic hits recorded in serve mode (0 = none, 1 = all). Default 0.02.</summary>
    public double ServeSampleRate { get; init; } = 0.02;

    /// <summary>Most pairs kept; the oldest go first. Default 20000.</summary>
    public int MaxPairs { get; init; } = 20_000;

    /// <summary>Pairs older than this many days are dropped, labelled or not. Default 30.</summary>
    public int MaxAgeDays { get; init; } = 30;

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (double.IsNaN(ServeSampleRate) || ServeSampleRate is < 0 or > 1)
        {
            errors.Add($"Review:ServeSampleRate must be from 0 to 1 (got {ServeSampleRate}).");
        }

        if (MaxPairs < 1)
        {
            errors.Add($"Review:MaxPairs must be at least 1 (got {MaxPairs}).");
        }

        if (MaxAgeDays < 1)
        {
            errors.Add($"Review:MaxAgeDays must be at least 1 (got {MaxAgeDays}).");
        }

        return errors;
    }
}
