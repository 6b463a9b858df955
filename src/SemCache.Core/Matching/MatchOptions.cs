namespace SemCache.Matching;

// Placeholder until the quality branch lands (same API).
public sealed record MatchOptions
{
    public float Threshold { get; init; } = 0.9f;

    public int Candidates { get; init; } = 5;

    public bool GuardsEnabled { get; init; } = true;

    public double MinKnownTokenShare { get; init; } = 0.6;

    public IReadOnlyList<string> Validate() => Threshold is > 0 and <= 1 ? [] : ["Semantic:Threshold must be in (0, 1]."];
}
