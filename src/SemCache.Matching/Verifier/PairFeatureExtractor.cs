namespace SemCache.Matching.Verifier;

/// <summary>
/// Turns one (query, candidate) comparison into the verifier's feature vector. Reads only public data: the two
/// <see cref="PromptAnalysis"/> objects, the sentence similarity and the guards' verdicts. The order of
/// <see cref="Names"/> is the model's input order; the shipped model file records it and is refused if it differs.
/// </summary>
public sealed class PairFeatureExtractor(IWordRelations wordRelations)
{
    private static readonly int RelationCount = Enum.GetValues<WordRelation>().Length;

    private static readonly Lazy<PairFeatureExtractor> LazyShipped = new(() => new PairFeatureExtractor(LexiconWordRelations.Shared));

    /// <summary>The extractor the shipped model was trained with: word relations from the shipped WordNet lexicon.</summary>
    public static PairFeatureExtractor Shipped => LazyShipped.Value;

    /// <summary>Feature names, in vector order.</summary>
    public static IReadOnlyList<string> Names { get; } =
    [
        "similarity", "content_query", "content_candidate", "only_query", "only_candidate", "content_dice",
        "content_bigram_jaccard", "conjunct_jaccard", "word_ratio", "only_query_actions", "only_candidate_actions",
        "only_query_plural", "only_candidate_plural", "best_prefix_share", "same_order", "content_guard", "roles_guard",
        "relations", "colours", "counts", "query_unrelated", "candidate_unrelated",
        .. Enum.GetNames<WordRelation>().Select(r => "relation_" + r.ToLowerInvariant()),
        "cross_language", "unglossed_share",
    ];

    /// <param name="origin">Whether the pair crosses languages (renderings are noisier than English paraphrases).</param>
    public float[] Extract(PromptAnalysis query, PromptAnalysis candidate, float similarity, IReadOnlyList<GuardVerdict> verdicts, PairOrigin origin = default)
    {
        var f = new float[Names.Count];
        var onlyQuery = new List<string>();
        var onlyCandidate = new List<string>();
        var common = Difference(query.Content, candidate.Content, onlyQuery, onlyCandidate);
        var nq = query.Content.Length;
        var nc = candidate.Content.Length;
        f[0] = similarity;
        f[1] = nq;
        f[2] = nc;
        f[3] = onlyQuery.Count;
        f[4] = onlyCandidate.Count;
        f[5] = nq + nc == 0 ? 1f : 2f * common / (nq + nc);
        f[6] = Jaccard(Bigrams(query.OrderedContent), Bigrams(candidate.OrderedContent));
        f[7] = Jaccard(query.Conjuncts, candidate.Conjuncts);
        f[8] = Ratio(query.Words.Count, candidate.Words.Count);
        f[9] = CountWords(query, onlyQuery, w => w.Ing);
        f[10] = CountWords(candidate, onlyCandidate, w => w.Ing);
        f[11] = CountWords(query, onlyQuery, w => w.Plural);
        f[12] = CountWords(candidate, onlyCandidate, w => w.Plural);
        f[13] = BestPrefixShare(onlyQuery, onlyCandidate);
        f[14] = string.Equals(query.OrderedContent, candidate.OrderedContent, StringComparison.Ordinal) ? 1f : 0f;
        f[15] = Verdict(verdicts, GuardNames.Content);
        f[16] = Verdict(verdicts, GuardNames.Roles);
        f[17] = query.Relations.Length + candidate.Relations.Length;
        f[18] = query.Colours.Length + candidate.Colours.Length;
        f[19] = query.Counts.Length + candidate.Counts.Length;
        AddWordRelationFeatures(f.AsSpan(22, RelationCount), Surfaces(query, onlyQuery), Surfaces(candidate, onlyCandidate), out f[20], out f[21]);
        f[22 + RelationCount] = origin.CrossLanguage ? 1f : 0f;
        f[23 + RelationCount] = origin.UnglossedShare;
        return f;
    }

    /// <summary>
    /// Word knowledge: for each differing query lemma, the closest relation to any differing candidate lemma, counted
    /// per relation; and on each side the differing words with no meaning-keeping relation (same synset, similar-to,
    /// derivation, hypernym either way) to any differing word of the other side. With <see cref="NoWordRelations"/>
    /// every differing word counts as <see cref="WordRelation.None"/>.
    /// </summary>
    private void AddWordRelationFeatures(Span<float> counts, List<string> onlyQuery, List<string> onlyCandidate, out float queryUnrelated, out float candidateUnrelated)
    {
        var candidateBest = new WordRelation[onlyCandidate.Count];
        Array.Fill(candidateBest, WordRelation.None);
        queryUnrelated = 0;
        foreach (var q in onlyQuery)
        {
            var best = WordRelation.None;
            for (var j = 0; j < onlyCandidate.Count; j++)
            {
                var r = wordRelations.Relate(q, onlyCandidate[j]);
                best = r < best ? r : best;
                candidateBest[j] = r < candidateBest[j] ? r : candidateBest[j];
            }

            counts[(int)best]++;
            queryUnrelated += KeepsMeaning(best) ? 0 : 1;
        }

        candidateUnrelated = candidateBest.Count(r => !KeepsMeaning(r));
    }

    /// <summary>The words as written for lemmas (WordNet reads real words, not the analyser's stems).</summary>
    private static List<string> Surfaces(PromptAnalysis analysis, List<string> lemmas) =>
        [.. lemmas.Select(l => WordAligner.Surface(analysis, l))];

    private static bool KeepsMeaning(WordRelation r) => r <= WordRelation.QueryMoreSpecific;

    private static float Verdict(IReadOnlyList<GuardVerdict> verdicts, string guard)
    {
        foreach (var v in verdicts)
        {
            if (string.Equals(v.Guard, guard, StringComparison.Ordinal))
            {
                return v.Passed ? 1f : 0f;
            }
        }

        return 0.5f; // not run (disabled)
    }

    /// <summary>Multiset difference of two sorted arrays; returns the number of common items.</summary>
    private static int Difference(string[] q, string[] c, List<string> onlyQuery, List<string> onlyCandidate)
    {
        int i = 0, j = 0, common = 0;
        while (i < q.Length || j < c.Length)
        {
            var cmp = i == q.Length ? 1 : j == c.Length ? -1 : string.CompareOrdinal(q[i], c[j]);
            if (cmp == 0)
            {
                common++;
                i++;
                j++;
            }
            else if (cmp < 0)
            {
                onlyQuery.Add(q[i++]);
            }
            else
            {
                onlyCandidate.Add(c[j++]);
            }
        }

        return common;
    }

    private static string[] Bigrams(string ordered)
    {
        var words = ordered.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length < 2)
        {
            return words;
        }

        var grams = new string[words.Length - 1];
        for (var i = 1; i < words.Length; i++)
        {
            grams[i - 1] = words[i - 1] + " " + words[i];
        }

        Array.Sort(grams, StringComparer.Ordinal);
        return grams;
    }

    private static float Jaccard(string[] a, string[] b)
    {
        if (a.Length + b.Length == 0)
        {
            return 1f;
        }

        var common = Difference(a, b, [], []);
        return (float)common / (a.Length + b.Length - common);
    }

    private static float Ratio(int a, int b) => Math.Max(a, b) == 0 ? 1f : (float)Math.Min(a, b) / Math.Max(a, b);

    private static int CountWords(PromptAnalysis analysis, List<string> lemmas, Func<AnalyzedWord, bool> predicate)
    {
        var n = 0;
        foreach (var w in analysis.Words)
        {
            if (w.Kind == WordKind.Content && predicate(w) && lemmas.Contains(w.Lemma))
            {
                n++;
            }
        }

        return n;
    }

    /// <summary>Longest shared prefix over the longer word, best over differing pairs: morphological variants score high.</summary>
    private static float BestPrefixShare(List<string> onlyQuery, List<string> onlyCandidate)
    {
        var best = 0f;
        foreach (var q in onlyQuery)
        {
            foreach (var c in onlyCandidate)
            {
                var n = 0;
                while (n < q.Length && n < c.Length && q[n] == c[n])
                {
                    n++;
                }

                best = Math.Max(best, (float)n / Math.Max(q.Length, c.Length));
            }
        }

        return best;
    }
}
