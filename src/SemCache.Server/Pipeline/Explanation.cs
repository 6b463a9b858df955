namespace SemCache.Server.Pipeline;

/// <summary>The explain endpoint's answer (snake_case JSON).</summary>
public sealed record Explanation
{
    public required string Key { get; init; }

    public required string Partition { get; init; }

    public required string PartitionDescription { get; init; }

    public required string Prompt { get; init; }

    public string? Language { get; init; }

    /// <summary>For a Spanish, French or German prompt: the English rendering that was embedded and compared.</summary>
    public string? EnglishRendering { get; init; }

    public double? KnownTokenShare { get; init; }

    public bool SemanticEligible { get; init; }

    public required string EmbedderId { get; init; }

    public bool ExactHit { get; init; }

    /// <summary>The similarity a candidate needs (the verifier's floor when the verifier is on).</summary>
    public float Threshold { get; init; }

    /// <summary>The verifier probability a candidate needs; null when the verifier is off.</summary>
    public float? VerifierCutoff { get; init; }

    public required IReadOnlyList<ExplainedCandidate> Candidates { get; init; }

    /// <summary>exact-hit, semantic-hit, miss or bypass.</summary>
    public required string Decision { get; init; }

    public required string Reason { get; init; }
}

/// <param name="WordLinks">How differing words relate in WordNet ("small ~ tiny: similar-to", "cat ≠ dog: co-hyponym").</param>
/// <param name="VerifierScore">The pair verifier's probability, when it ran for this candidate.</param>
/// <param name="SearchedSimilarity">The search's similarity when <paramref name="Similarity"/> comes from embedding the pair again with glosses chosen for it.</param>
public sealed record ExplainedCandidate(string Key, string Prompt, float Similarity, bool AboveThreshold, bool Served, IReadOnlyList<ExplainedGuard> Guards, IReadOnlyList<string> WordLinks, float? VerifierScore = null, float? SearchedSimilarity = null);

public sealed record ExplainedGuard(string Guard, bool Passed, string? Reason);
