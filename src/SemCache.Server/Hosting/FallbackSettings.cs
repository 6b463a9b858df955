namespace SemCache.Server.Hosting;

/// <summary>
/// Degraded mode (section "Fallback"): while the origin is failing, serve the closest cached image above a lower
/// threshold instead of an error. See docs/operations.md.
/// </summary>
public sealed record FallbackSettings
{
    /// <summary>Off by default: a fallback answers a somewhat different prompt, which a client must opt into.</summary>
    public bool Enabled { get; init; }

    /// <summary>Lowest similarity served while the origin fails (default 0.70); at most Semantic:Threshold. Guards still apply.</summary>
    public float Threshold { get; init; } = 0.70f;
}
