using System.Globalization;
using SemCache.Embedding;
using SemCache.Index;
using SemCache.Matching.Language;
using SemCache.Matching.Verifier;

namespace SemCache.Matching;

/// <summary>
/// The semantic tier's decision: which prompts may take part, and which candidate (if any) is served.
/// Thread-safe; create one per process and option set.
/// </summary>
public sealed class SemanticDecider
{
    private readonly AnalysisCache _cache = new(50_000);
    private readonly IMatchGuard[] _monolingualGuards;
    private readonly IMatchGuard[] _multilingualGuards;

    private readonly PairVerifier? _verifier;

    public SemanticDecider(MatchOptions options)
        : this(options, options.VerifierEnabled ? PairVerifier.Shipped : null)
    {
    }

    /// <param name="verifier">The verifier used when <see cref="MatchOptions.VerifierEnabled"/> (e.g. a freshly trained one).</param>
    public SemanticDecider(MatchOptions options, PairVerifier? verifier)
    {
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", errors), nameof(options));
        }

        Options = options;
        _verifier = options.VerifierEnabled
            ? verifier ?? throw new ArgumentException("VerifierEnabled needs a verifier.", nameof(verifier))
            : null;
        _monolingualGuards = Build(options, multilingual: false);
        _multilingualGuards = Build(options, multilingual: true);
    }

    public MatchOptions Options { get; }

    /// <summary>The verifier in use, or null when <see cref="MatchOptions.VerifierEnabled"/> is off.</summary>
    public PairVerifier? Verifier => _verifier;

    /// <summary>The similarity a candidate needs before guards (and the verifier) look at it.</summary>
    public float SimilarityFloor => _verifier is null ? Options.Threshold : Options.VerifierMinSimilarity ?? _verifier.Model.MinSimilarity;

    /// <summary>The verifier probability a candidate needs, or null without a verifier.</summary>
    public float? VerifierCutoff => _verifier is null ? null : Options.VerifierCutoff ?? _verifier.Model.Cutoff;

    /// <summary>
    /// Whether a prompt may use (or be stored in) the semantic tier: it needs letters, enough word pieces known to
    /// the embedder, and — for an English-only embedder — a script the model can read.
    /// </summary>
    public PromptProfile Profile(string canonicalPrompt, IPromptCoverage coverage)
    {
        var analysis = _cache.Get(canonicalPrompt);
        var share = coverage.KnownTokenShare(canonicalPrompt);
        var reason = Ineligibility(analysis, share, coverage.IsMultilingual);
        return new PromptProfile(analysis.Language, share, reason is null, reason);
    }

    /// <summary>Analysis of a prompt (cached), e.g. for explanations.</summary>
    public PromptAnalysis Analyze(string canonicalPrompt) => _cache.Get(canonicalPrompt);

    /// <summary>
    /// Serves the first candidate (best-first, same partition and embedder) whose similarity is at or above the
    /// threshold and that passes every enabled guard.
    /// </summary>
    public MatchDecision Decide(string canonicalQueryPrompt, PromptProfile queryProfile, IReadOnlyList<IndexCandidate> candidates, bool multilingualEmbedder)
    {
        var threshold = SimilarityFloor;
        float? best = candidates.Count > 0 ? candidates[0].Similarity : null;
        if (!queryProfile.SemanticEligible)
        {
            return new MatchDecision(null, best, threshold, [], "miss: prompt not eligible for semantic matching (" + queryProfile.IneligibleReason + ")");
        }

        if (candidates.Count == 0)
        {
            return new MatchDecision(null, null, threshold, [], "miss: no candidates in this partition");
        }

        var query = _cache.Get(canonicalQueryPrompt);
        var guards = multilingualEmbedder ? _multilingualGuards : _monolingualGuards;
        var verdicts = new CandidateVerdict[candidates.Count];
        IndexCandidate? match = null;
        string? firstRejection = null;
        var above = 0;
        var verified = 0;
        for (var i = 0; i < candidates.Count; i++)
        {
            var candidate = candidates[i];
            best = Math.Max(best ?? float.MinValue, candidate.Similarity);
            if (!(candidate.Similarity >= threshold))
            {
                verdicts[i] = new CandidateVerdict(candidate, false, [], false);
                continue;
            }

            above++;
            var analysis = _cache.Get(candidate.Prompt);
            var results = Check(guards, query, analysis, multilingualEmbedder);
            float? score = null;
            bool passed;
            string? failure;
            if (_verifier is null)
            {
                passed = Passed(results, out failure);
            }
            else if (!PassedVetoes(results, out failure))
            {
                passed = false;
            }
            else if (verified >= Options.VerifierCandidates)
            {
                passed = false;
                failure = $"verifier: only the first {Options.VerifierCandidates} candidate(s) past the vetoes are scored";
            }
            else
            {
                verified++;
                score = _verifier.Score(query, analysis, candidate.Similarity, results);
                var cutoff = VerifierCutoff!.Value;
                passed = score >= cutoff;
                failure = passed ? null : $"verifier: {Format(score.Value)} < cut-off {Format(cutoff)}";
            }

            var served = passed && match is null;
            if (served)
            {
                match = candidate;
            }
            else if (!passed)
            {
                firstRejection ??= failure;
            }

            verdicts[i] = new CandidateVerdict(candidate, true, results, served, score);
        }

        var reason = Reason(match, best, threshold, above, firstRejection);
        if (match is not null && _verifier is not null)
        {
            var score = verdicts.First(v => v.Served).VerifierScore!.Value;
            reason = $"hit: similarity {Format(match.Similarity)} >= {Format(threshold)}, vetoes passed, verifier {Format(score)} >= {Format(VerifierCutoff!.Value)}";
        }

        return new MatchDecision(match, best, threshold, verdicts, reason);
    }

    private string? Ineligibility(PromptAnalysis analysis, double share, bool multilingual)
    {
        if (share < Options.MinKnownTokenShare)
        {
            return $"known token share {share.ToString("0.00", CultureInfo.InvariantCulture)} < {Options.MinKnownTokenShare.ToString("0.00", CultureInfo.InvariantCulture)}";
        }

        if (analysis.Language == LanguageDetector.Undetermined)
        {
            return "no words";
        }

        if (!multilingual && LanguageDetector.IsNonLatinScript(analysis.Language))
        {
            return $"language '{analysis.Language}' cannot be read by an English-only embedder";
        }

        return null;
    }

    private GuardVerdict[] Check(IMatchGuard[] guards, PromptAnalysis query, PromptAnalysis candidate, bool multilingual)
    {
        if (!Options.GuardsEnabled)
        {
            return [];
        }

        // English word rules cannot compare two languages: with a multilingual embedder they abstain across
        // languages (the embedding decides); with an English-only one the language guard rejects such pairs anyway.
        var crossLanguage = multilingual && !string.Equals(query.Language, candidate.Language, StringComparison.Ordinal);
        // Same words in the same order (case and punctuation aside): the word guards have nothing to compare, and
        // their bindings would only trip over "a, b" vs "a b" in long tag lists.
        var sameWords = string.Equals(query.WordSequence, candidate.WordSequence, StringComparison.Ordinal);
        var results = new GuardVerdict[guards.Length];
        for (var i = 0; i < guards.Length; i++)
        {
            var name = guards[i].Name;
            results[i] = crossLanguage && IsWordGuard(name) ? new GuardVerdict(name, true, "not compared across languages")
                : sameWords && IsWordGuard(name) ? new GuardVerdict(name, true, "same words")
                : guards[i].Check(query, candidate);
        }

        return results;
    }

    private static bool IsWordGuard(string name) => name is not (GuardNames.Language or GuardNames.QuotedText);

    private static bool Passed(GuardVerdict[] results, out string? failure)
    {
        foreach (var r in results)
        {
            if (!r.Passed)
            {
                failure = r.Guard + ": " + r.Reason;
                return false;
            }
        }

        failure = null;
        return true;
    }

    /// <summary>
    /// With the verifier on, only the reliable guards veto; content and roles are the verifier's features.
    /// </summary>
    private static bool PassedVetoes(GuardVerdict[] results, out string? failure)
    {
        foreach (var r in results)
        {
            if (!r.Passed && !IsVerifierFeature(r.Guard))
            {
                failure = r.Guard + ": " + r.Reason;
                return false;
            }
        }

        failure = null;
        return true;
    }

    private static bool IsVerifierFeature(string guard) => guard is GuardNames.Content or GuardNames.Roles;

    private static string Format(float value) => value.ToString("0.000", CultureInfo.InvariantCulture);

    private static string Reason(IndexCandidate? match, float? best, float threshold, int above, string? rejection)
    {
        var t = threshold.ToString("0.000", CultureInfo.InvariantCulture);
        if (match is not null)
        {
            return $"hit: similarity {match.Similarity.ToString("0.000", CultureInfo.InvariantCulture)} >= {t}, all guards passed";
        }

        return above == 0
            ? $"miss: best similarity {best?.ToString("0.000", CultureInfo.InvariantCulture)} < threshold {t}"
            : $"miss: {above} candidate(s) above {t} rejected ({rejection})";
    }

    private static IMatchGuard[] Build(MatchOptions options, bool multilingual)
    {
        IMatchGuard[] all =
        [
            new LanguageGuard(multilingual), new QuotedTextGuard(), new CountGuard(), new ColourGuard(),
            new NegationGuard(), new SpatialGuard(), new ContentGuard(), new RoleGuard(),
        ];
        return [.. all.Where(g => !options.DisabledGuards.Contains(g.Name))];
    }
}
