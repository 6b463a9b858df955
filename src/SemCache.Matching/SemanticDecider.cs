using System.Globalization;
using SemCache.Core.Embedding;
using SemCache.Core.Index;
using SemCache.Matching.Language;
using SemCache.Matching.Lexicon;
using SemCache.Matching.Translation;
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
    private readonly Lazy<WordNetLexicon>? _lexicon;

    private readonly PairVerifier? _verifier;

    /// <param name="renderer">English renderings of es/fr/de prompts; by default the engine named in
    /// <see cref="MatchOptions.Translator"/> (the shipped dictionary bridge unless configured otherwise).</param>
    public SemanticDecider(MatchOptions options, PromptRenderer? renderer = null)
        : this(options, options.VerifierEnabled ? PairVerifier.Shipped : null, renderer)
    {
    }

    /// <param name="verifier">The verifier used when <see cref="MatchOptions.VerifierEnabled"/> (e.g. a freshly trained one).</param>
    /// <param name="renderer">English renderings of es/fr/de prompts (see the other constructor).</param>
    public SemanticDecider(MatchOptions options, PairVerifier? verifier, PromptRenderer? renderer = null)
    {
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", errors), nameof(options));
        }

        Options = options;
        Renderer = renderer ?? TranslatorFactory.CreateRenderer(options);
        _verifier = options.VerifierEnabled
            ? verifier ?? throw new ArgumentException("VerifierEnabled needs a verifier.", nameof(verifier))
            : null;
        if (options.WordKnowledge)
        {
            _lexicon = options.Senses == SensePolicy.Default
                ? new Lazy<WordNetLexicon>(() => WordNetLexicon.Shared)
                : new Lazy<WordNetLexicon>(() => WordNetLexicon.Shared.With(options.Senses));
        }

        _monolingualGuards = Build(options, multilingual: false, () => _lexicon?.Value);
        _multilingualGuards = Build(options, multilingual: true, () => _lexicon?.Value);
    }

    public MatchOptions Options { get; }

    /// <summary>
    /// Loads the word data that lookups otherwise load on first use — WordNet and the dictionary data of each bridge
    /// language (up to a second each on a busy 2-core machine) — so that no request waits for it. The
    /// server calls it in the background at start; calling it again costs nothing.
    /// </summary>
    public void Warm()
    {
        _ = _lexicon?.Value;
        _ = Analyze("a small orange cat on a wooden table"); // English analysis reads WordNet too
        if (Renderer.Enabled)
        {
            foreach (var language in BilingualLexicon.Supported)
            {
                _ = BilingualLexicon.For(language);
            }
        }
    }

    public PromptRenderer Renderer { get; }

    /// <summary>
    /// The English rendering of a Spanish, French or German prompt (null for English, other languages, or a prompt
    /// the bridge cannot read well enough). Its analysis is what the guards compare.
    /// </summary>
    public PromptRendering? Render(string canonicalPrompt) =>
        Renderer.Render(canonicalPrompt, _cache.Get(canonicalPrompt).Language);

    /// <summary>
    /// The text to embed and store for a prompt: its English rendering for an English-only embedder (so English
    /// prompts find it, and it finds them), the prompt itself for a multilingual one.
    /// </summary>
    public string EmbeddingText(string canonicalPrompt, bool multilingualEmbedder) =>
        multilingualEmbedder ? canonicalPrompt : Render(canonicalPrompt)?.Text ?? canonicalPrompt;

    /// <summary>
    /// Candidates across languages worth embedding again with each ambiguous word glossed to match the other prompt
    /// (the index found them by the usual glosses: "las rosas blancas" reads "the pink white" until "white roses" asks
    /// for "roses"): the first <see cref="MatchOptions.GlossChoiceCandidates"/> from <see cref="MatchOptions.GlossChoiceFloor"/>
    /// up whose texts change. The guards already compare these same texts (<see cref="PromptRendering.ChooseFor"/>).
    /// </summary>
    public IReadOnlyList<GlossChoice> GlossChoices(string canonicalQueryPrompt, IReadOnlyList<IndexCandidate> candidates, bool multilingualEmbedder)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        if (multilingualEmbedder || !Renderer.Enabled || Options.GlossChoiceCandidates == 0 || candidates.Count == 0)
        {
            return [];
        }

        var queryRendering = Render(canonicalQueryPrompt);
        var queryText = queryRendering?.Text ?? canonicalQueryPrompt;
        List<GlossChoice>? choices = null;
        for (var i = 0; i < candidates.Count && (choices?.Count ?? 0) < Options.GlossChoiceCandidates; i++)
        {
            var candidate = candidates[i];
            if (!(candidate.Similarity >= Options.GlossChoiceFloor))
            {
                continue;
            }

            var candidateRendering = Render(candidate.Prompt);
            if (string.Equals(queryRendering?.Language, candidateRendering?.Language, StringComparison.Ordinal)
                || (queryRendering is null && !IsEnglish(canonicalQueryPrompt)) || (candidateRendering is null && !IsEnglish(candidate.Prompt)))
            {
                continue; // one language (or none rendered), or a side the bridge cannot read that the language guard rejects
            }

            var candidateText = candidateRendering?.Text ?? candidate.Prompt;
            var query = queryRendering?.ChooseFor(candidateText) ?? queryText;
            var stored = candidateRendering?.ChooseFor(queryText) ?? candidateText;
            if (!string.Equals(query, queryText, StringComparison.Ordinal) || !string.Equals(stored, candidateText, StringComparison.Ordinal))
            {
                (choices ??= []).Add(new GlossChoice(i, query, stored, string.Equals(query, queryText, StringComparison.Ordinal)));
            }
        }

        return choices ?? (IReadOnlyList<GlossChoice>)[];
    }

    private bool IsEnglish(string canonicalPrompt) => _cache.Get(canonicalPrompt).Language == "en";

    /// <summary>The verifier in use, or null when <see cref="MatchOptions.VerifierEnabled"/> is off.</summary>
    public PairVerifier? Verifier => _verifier;

    /// <summary>The similarity a candidate in the query's language needs before guards (and the verifier) look at it.</summary>
    public float SimilarityFloor => SimilarityFloorFor(default);

    /// <summary>The verifier probability a candidate in the query's language needs, or null without a verifier.</summary>
    public float? VerifierCutoff => VerifierCutoffFor(default);

    /// <summary>The similarity floor for a pair of this origin: across languages the model has its own.</summary>
    public float SimilarityFloorFor(PairOrigin origin) =>
        _verifier is null ? Options.Threshold : Options.VerifierMinSimilarity ?? _verifier.ModelFor(origin).MinSimilarity;

    /// <summary>The verifier cut-off for a pair of this origin (null without a verifier).</summary>
    public float? VerifierCutoffFor(PairOrigin origin) =>
        _verifier is null ? null : Options.VerifierCutoff ?? _verifier.ModelFor(origin).Cutoff;

    /// <summary>
    /// Whether a prompt may use (or be stored in) the semantic tier: it needs letters, enough word pieces known to
    /// the embedder, and — for an English-only embedder — a script the model can read.
    /// </summary>
    public PromptProfile Profile(string canonicalPrompt, IPromptCoverage coverage)
    {
        var analysis = _cache.Get(canonicalPrompt);
        var rendering = Render(canonicalPrompt);
        var share = coverage.KnownTokenShare(coverage.IsMultilingual ? canonicalPrompt : rendering?.Text ?? canonicalPrompt);
        var reason = Ineligibility(analysis, share, coverage.IsMultilingual);
        return new PromptProfile(analysis.Language, share, reason is null, reason) { Rendering = rendering?.Text };
    }

    /// <summary>Analysis the guards use for a prompt (of its English rendering when it has one), cached.</summary>
    public PromptAnalysis Analyze(string canonicalPrompt) =>
        Render(canonicalPrompt) is { } rendering ? _cache.Get(rendering.Text) : _cache.Get(canonicalPrompt);

    /// <summary>
    /// Serves the first candidate (best-first, same partition and embedder) whose similarity is at or above the
    /// threshold and that passes every enabled guard.
    /// </summary>
    public MatchDecision Decide(string canonicalQueryPrompt, PromptProfile queryProfile, IReadOnlyList<IndexCandidate> candidates, bool multilingualEmbedder)
    {
        var threshold = Options.Threshold;
        float? best = candidates.Count > 0 ? candidates[0].Similarity : null;
        if (!queryProfile.SemanticEligible)
        {
            return new MatchDecision(null, best, threshold, [], "miss: prompt not eligible for semantic matching (" + queryProfile.IneligibleReason + ")");
        }

        if (candidates.Count == 0)
        {
            return new MatchDecision(null, null, threshold, [], "miss: no candidates in this partition");
        }

        var queryRendering = Render(canonicalQueryPrompt);
        var guards = multilingualEmbedder ? _multilingualGuards : _monolingualGuards;
        var verdicts = new CandidateVerdict[candidates.Count];
        IndexCandidate? match = null;
        string? firstRejection = null;
        var above = 0;
        // Below the threshold a candidate can still be served when its words equal the query's after the WordNet
        // alignment and every guard passes (the guards, not the sentence similarity, decide such pairs), or when the
        // vetoes pass and the verifier vouches for it from its own similarity floor up.
        var alignedFloor = _lexicon is not null ? Math.Min(threshold, Options.AlignedThreshold) : threshold;
        var floor = Math.Min(alignedFloor, Math.Min(SimilarityFloorFor(default), SimilarityFloorFor(new PairOrigin(true, 0))));
        var verified = 0;
        float? servedCutoff = null;
        for (var i = 0; i < candidates.Count; i++)
        {
            var candidate = candidates[i];
            best = Math.Max(best ?? float.MinValue, candidate.Similarity);
            if (!(candidate.Similarity >= floor))
            {
                verdicts[i] = new CandidateVerdict(candidate, false, [], false);
                continue;
            }

            var aboveThreshold = candidate.Similarity >= threshold;
            above++;
            var (query, stored, candidateRendering) = Pair(canonicalQueryPrompt, queryRendering, candidate.Prompt);
            var (aligned, links) = Align(query, stored, multilingualEmbedder);
            var results = queryRendering is null && candidateRendering is null
                ? Check(guards, aligned, stored, multilingualEmbedder)
                : Check(guards, CrossLanguageView(aligned, canonicalQueryPrompt, queryRendering, candidateRendering), CrossLanguageView(stored, candidate.Prompt, candidateRendering, queryRendering), multilingualEmbedder);
            Explain(results, links);
            float? score = null;
            var passed = Passed(results, out var failure);
            var sameContent = _lexicon is not null && SortedKeys.Equal(aligned.Content, stored.Content);
            if (passed && !aboveThreshold && !(candidate.Similarity >= alignedFloor && sameContent))
            {
                passed = false;
                failure = $"similarity {candidate.Similarity.ToString("0.000", CultureInfo.InvariantCulture)} < threshold {threshold.ToString("0.000", CultureInfo.InvariantCulture)} and the content words are not the same";
            }

            // What every guard accepts is served as without a verifier; the verifier may add what content or roles
            // rejected, never what a veto (count, colour, negation, spatial, relation words, language) rejected.
            var origin = Origin(queryRendering, candidateRendering);
            if (!passed && _verifier is not null && candidate.Similarity >= SimilarityFloorFor(origin) && PassedVetoes(results, out _))
            {
                if (origin.CrossLanguage && (!TrainedOn(queryRendering) || !TrainedOn(candidateRendering)))
                {
                    // The cross-language model learnt the dictionary bridge's renderings; another engine's (Apertium's
                    // word order and word choice) it has never seen, and it served 2.3% false hits on them.
                    failure += "; verifier: not trained on " + (TrainedOn(queryRendering) ? candidateRendering : queryRendering)!.Engine + " renderings";
                }
                else if (verified >= Options.VerifierCandidates)
                {
                    failure = $"verifier: only the first {Options.VerifierCandidates} candidate(s) past the vetoes are scored";
                }
                else
                {
                    verified++;
                    score = _verifier.Score(query, stored, candidate.Similarity, results, origin); // as trained: the analyses as written, the guards after alignment
                    var cutoff = VerifierCutoffFor(origin)!.Value;
                    passed = score >= cutoff;
                    failure = passed ? null : failure + $"; verifier: {Format(score.Value)} < cut-off {Format(cutoff)}";
                }
            }

            var served = passed && match is null;
            if (served)
            {
                match = candidate;
                servedCutoff = score is null ? null : VerifierCutoffFor(origin);
            }
            else if (!passed)
            {
                firstRejection ??= failure;
            }

            verdicts[i] = new CandidateVerdict(candidate, aboveThreshold, results, served, score) { Links = links, SameContent = sameContent };
        }

        var reason = Reason(match, best, threshold, above, firstRejection);
        if (match is not null && verdicts.First(v => v.Served).VerifierScore is { } vouched && servedCutoff is { } usedCutoff)
        {
            reason = $"hit: similarity {Format(match.Similarity)}, vetoes passed, verifier {Format(vouched)} >= {Format(usedCutoff)}";
        }

        return new MatchDecision(match, best, threshold, verdicts, reason);
    }

    /// <summary>
    /// Rewrites the query in the candidate's words where WordNet allows it (same language only: the lexicon is
    /// English), so that every guard compares like with like.
    /// </summary>
    private (PromptAnalysis Query, IReadOnlyList<WordLink> Links) Align(PromptAnalysis query, PromptAnalysis candidate, bool multilingual)
    {
        if (_lexicon is null || !Options.GuardsEnabled
            || (multilingual && !string.Equals(query.Language, candidate.Language, StringComparison.Ordinal)))
        {
            return (query, []);
        }

        return WordAligner.Align(query, candidate, _lexicon.Value);
    }

    /// <summary>The content guard's verdict names the word relations that allowed or explain a difference.</summary>
    private static void Explain(GuardVerdict[] results, IReadOnlyList<WordLink> links)
    {
        if (links.Count == 0)
        {
            return;
        }

        for (var i = 0; i < results.Length; i++)
        {
            var r = results[i];
            if (r.Guard == GuardNames.Content)
            {
                var words = string.Join(", ", links);
                results[i] = r with { Reason = r.Reason is null ? "words: " + words : r.Reason + "; words: " + words };
            }
        }
    }

    /// <summary>
    /// The analyses the guards compare: each side's English rendering when it has one, with every ambiguous word's
    /// gloss chosen to match the other side where it can ("pequeño" reads "little" against "a little cat").
    /// </summary>
    private (PromptAnalysis Query, PromptAnalysis Candidate, PromptRendering? CandidateRendering) Pair(string queryPrompt, PromptRendering? queryRendering, string candidatePrompt)
    {
        var candidateRendering = Render(candidatePrompt);
        if (queryRendering is null && candidateRendering is null)
        {
            return (_cache.Get(queryPrompt), _cache.Get(candidatePrompt), null);
        }

        var queryText = queryRendering?.Text ?? queryPrompt;
        var candidateText = candidateRendering?.Text ?? candidatePrompt;
        return (_cache.Get(queryRendering?.ChooseFor(candidateText) ?? queryText), _cache.Get(candidateRendering?.ChooseFor(queryText) ?? candidateText), candidateRendering);
    }

    /// <summary>Whether a pair crosses languages, and how much of its renderings the bridge left unglossed.</summary>
    public PairOrigin Origin(string canonicalQueryPrompt, string canonicalCandidatePrompt) =>
        Origin(Render(canonicalQueryPrompt), Render(canonicalCandidatePrompt));

    private static PairOrigin Origin(PromptRendering? query, PromptRendering? candidate) => new(
        !string.Equals(query?.Language, candidate?.Language, StringComparison.Ordinal),
        (float)Math.Max(1 - (query?.Coverage ?? 1), 1 - (candidate?.Coverage ?? 1)));

    /// <summary>Whether the verifier was trained on renderings like this one (none, or the dictionary bridge's).</summary>
    private static bool TrainedOn(PromptRendering? rendering) =>
        rendering is null || string.Equals(rendering.Engine, DictionaryTranslator.Instance.Name, StringComparison.Ordinal);

    /// <summary>
    /// One side of a pair in which a rendering takes part, as the guards see it: quoted text as originally written,
    /// and, when the two prompts were written in different languages, negators without their scope (see
    /// <see cref="PromptAnalysis.ForCrossLanguagePair"/>).
    /// </summary>
    private PromptAnalysis CrossLanguageView(PromptAnalysis analysis, string prompt, PromptRendering? rendering, PromptRendering? otherRendering) =>
        analysis.ForCrossLanguagePair(_cache.Get(prompt).Quoted, !string.Equals(rendering?.Language, otherRendering?.Language, StringComparison.Ordinal));

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
            return match.Similarity >= threshold
                ? $"hit: similarity {match.Similarity.ToString("0.000", CultureInfo.InvariantCulture)} >= {t}, all guards passed"
                : $"hit: similarity {match.Similarity.ToString("0.000", CultureInfo.InvariantCulture)} below {t}, but the same words after word knowledge and all guards passed";
        }

        return above == 0
            ? $"miss: best similarity {best?.ToString("0.000", CultureInfo.InvariantCulture)} < threshold {t}"
            : $"miss: {above} candidate(s) examined, rejected ({rejection})";
    }

    private static IMatchGuard[] Build(MatchOptions options, bool multilingual, Func<WordNetLexicon?> lexicon)
    {
        IMatchGuard[] all =
        [
            new LanguageGuard(multilingual), new QuotedTextGuard(), new CountGuard(), new ColourGuard(),
            new NegationGuard(), new SpatialGuard(), new ContentGuard(), new RoleGuard(), new RelationWordGuard(),
            new ObjectGuard(lexicon),
        ];
        return [.. all.Where(g => !options.DisabledGuards.Contains(g.Name))];
    }
}
