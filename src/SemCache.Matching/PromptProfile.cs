namespace SemCache.Matching;

/// <summary>
/// Whether a prompt may use (and be stored in) the semantic tier. An ineligible prompt gets the exact tier only.
/// </summary>
public sealed record PromptProfile(string Language, double KnownTokenShare, bool SemanticEligible, string? IneligibleReason)
{
    /// <summary>English rendering of a Spanish, French or German prompt: what is embedded and compared.</summary>
    public string? Rendering { get; init; }
}
