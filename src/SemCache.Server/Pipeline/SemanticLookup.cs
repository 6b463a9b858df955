using SemCache.Matching;

namespace SemCache.Server.Pipeline;

/// <summary>What the semantic tier found: the prompt's profile, its embedding (reused for indexing) and the decision.</summary>
public sealed record SemanticLookup(PromptProfile? Profile, float[]? Vector, MatchDecision? Decision, string? SkipReason)
{
    public bool Indexable => Profile?.SemanticEligible ?? false;
}
