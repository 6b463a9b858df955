using SemCache.Matching.Lexicon;

namespace SemCache.Matching;

/// <summary>Settings of the semantic decision (threshold, candidates, guards).</summary>
public sealed record MatchOptions
{
    /// <summary>
    /// Calibrated for the shipped all-MiniLM-L6-v2 (int8, the default embedder) on datasets/pairs/dev-tune.tsv with
    /// guards on: the best-recall threshold with false-hit rate ≤ 1% overall and ≤ 2% per hard-negative category
    /// (docs/quality.md, docs/embedders.md). fp32 MiniLM calibrated at 0.805 with the same recall; at 0.795 it keeps
    /// it too. Other embedders need their own calibration.
    /// </summary>
    public const float MiniLmDefaultThreshold = 0.795f;

    public float Threshold { get; init; } = MiniLmDefaultThreshold;

    /// <summary>Top-k fetched from the index; the first candidate that passes the threshold and every guard wins.</summary>
    public int Candidates { get; init; } = 5;

    public bool GuardsEnabled { get; init; } = true;

    /// <summary>
    /// Whether differing content words may still match through WordNet (synonyms, similar adjectives, a general query
    /// word for a specific stored one). Off: content words must be equal after stemming, as before.
    /// </summary>
    public bool WordKnowledge { get; init; } = true;

    /// <summary>
    /// With <see cref="WordKnowledge"/>, a candidate below <see cref="Threshold"/> but at or above this similarity is
    /// served when its content words equal the query's after the WordNet alignment and every guard passes
    /// ("minuscule orange feline" scores 0.62 against "tiny orange cat"). Calibrated on dev-tune (docs/quality.md).
    /// </summary>
    public float AlignedThreshold { get; init; } = 0.6f;

    /// <summary>Which WordNet senses take part (docs/quality.md measures the choices).</summary>
    public SensePolicy Senses { get; init; } = SensePolicy.Default;

    /// <summary>Prompts with a smaller share of word pieces known to the embedder get the exact tier only.</summary>
    public double MinKnownTokenShare { get; init; } = 0.6;

    /// <summary>
    /// Also ask the trained pair verifier (docs/quality.md, "Verifier"): a candidate every guard accepts is served as
    /// without it; one that only the content or roles guard rejects (the reliable guards — language, quoted text,
    /// count, colour, negation, spatial, relation words — stay vetoes) is served when the verifier's probability
    /// reaches <see cref="VerifierCutoff"/>. Off: every guard must pass.
    /// </summary>
    public bool VerifierEnabled { get; init; } = true;

    /// <summary>Lowest verifier probability served; null takes the cut-off calibrated with the shipped model.</summary>
    public float? VerifierCutoff { get; init; }

    /// <summary>Similarity floor for verified candidates (replaces <see cref="Threshold"/> when the verifier is on); null takes the model's.</summary>
    public float? VerifierMinSimilarity { get; init; }

    /// <summary>At most this many candidates (best first, past the vetoes) are scored by the verifier.</summary>
    public int VerifierCandidates { get; init; } = 3;

    /// <summary>
    /// Across languages, the first this many candidates from <see cref="GlossChoiceFloor"/> up are embedded again with
    /// each ambiguous word's gloss chosen to match the other prompt ("rosas": pink or roses), and keep the higher
    /// similarity. 0 turns it off. Costs one embedding per such candidate (two when the candidate is itself a
    /// rendered prompt), only for pairs across languages.
    /// </summary>
    public int GlossChoiceCandidates { get; init; } = 1;

    /// <summary>Similarity from which a candidate across languages is worth embedding again (see <see cref="GlossChoiceCandidates"/>).</summary>
    public float GlossChoiceFloor { get; init; } = 0.5f;

    /// <summary>Guards switched off by name (see <see cref="GuardNames"/>), e.g. to measure one guard's effect.</summary>
    public IReadOnlyList<string> DisabledGuards { get; init; } = [];

    /// <summary>
    /// "serve" (default): hits are served. "shadow": every decision is made and recorded for review, but the request
    /// is answered from the origin. "off": no semantic lookup (prompts are still indexed). See docs/operations.md.
    /// </summary>
    public string Mode { get; init; } = SemanticModes.Serve;

    /// <summary>
    /// How Spanish, French and German prompts are rendered in English (docs/quality.md, "Other languages"):
    /// dictionary (shipped offline bridge, default), apertium (local apertium process, es and fr), libretranslate
    /// (HTTP API at <see cref="TranslatorEndpoint"/>) or none (compare prompts only within their language).
    /// </summary>
    public string Translator { get; init; } = Translation.TranslatorFactory.Dictionary;

    /// <summary>LibreTranslate base address (e.g. http://127.0.0.1:5000/) when <see cref="Translator"/> is libretranslate.</summary>
    public Uri? TranslatorEndpoint { get; init; }

    /// <summary>The apertium executable when <see cref="Translator"/> is apertium.</summary>
    public string ApertiumCommand { get; init; } = "apertium";

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        errors.AddRange(Translation.TranslatorFactory.Validate(this));
        if (!float.IsFinite(Threshold) || Threshold is < 0f or > 1f)
        {
            errors.Add($"Threshold must be between 0 and 1 (got {Threshold}).");
        }

        if (!float.IsFinite(AlignedThreshold) || AlignedThreshold is < 0f or > 1f)
        {
            errors.Add($"AlignedThreshold must be between 0 and 1 (got {AlignedThreshold}).");
        }

        if (Candidates is < 1 or > 100)
        {
            errors.Add($"Candidates must be between 1 and 100 (got {Candidates}).");
        }

        if (double.IsNaN(MinKnownTokenShare) || MinKnownTokenShare is < 0 or > 1)
        {
            errors.Add($"MinKnownTokenShare must be between 0 and 1 (got {MinKnownTokenShare}).");
        }

        if (!SemanticModes.All.Contains(Mode))
        {
            errors.Add($"Mode: '{Mode}' is unknown; use serve, shadow or off.");
        }

        if (VerifierCutoff is { } cut && (!float.IsFinite(cut) || cut is < 0f or > 1f))
        {
            errors.Add($"VerifierCutoff must be between 0 and 1 (got {cut}).");
        }

        if (VerifierMinSimilarity is { } min && (!float.IsFinite(min) || min is < 0f or > 1f))
        {
            errors.Add($"VerifierMinSimilarity must be between 0 and 1 (got {min}).");
        }

        if (VerifierCandidates is < 1 or > 100)
        {
            errors.Add($"VerifierCandidates must be between 1 and 100 (got {VerifierCandidates}).");
        }

        if (GlossChoiceCandidates is < 0 or > 100)
        {
            errors.Add($"GlossChoiceCandidates must be between 0 (off) and 100 (got {GlossChoiceCandidates}).");
        }

        if (!float.IsFinite(GlossChoiceFloor) || GlossChoiceFloor is < 0f or > 1f)
        {
            errors.Add($"GlossChoiceFloor must be between 0 and 1 (got {GlossChoiceFloor}).");
        }

        foreach (var name in DisabledGuards)
        {
            if (!GuardNames.All.Contains(name))
            {
                errors.Add($"DisabledGuards: unknown guard '{name}' (known: {string.Join(", ", GuardNames.All)}).");
            }
        }

        return errors;
    }
}
