using SemCache.Matching.Lexicon;

namespace SemCache.Matching;

/// <summary>
/// Pairs the content words only the query has with those only the candidate has, one to one, by their WordNet
/// relation, and rewrites the query in the candidate's words where the relation allows it ("small" → "tiny",
/// "feline" → "cat"). Every guard then compares the rewritten query, so a substituted word keeps its bindings: "a
/// small orange cat" aligns to "a tiny orange cat", but "a small black cat" still fails the colour guard.
/// </summary>
internal static class WordAligner
{
    /// <summary>Beyond this many differing words a pair is not a paraphrase anyway, and the pairing stays cheap.</summary>
    private const int MaxDiffering = 6;

    public static (PromptAnalysis Query, IReadOnlyList<WordLink> Links) Align(PromptAnalysis query, PromptAnalysis candidate, WordNetLexicon lexicon)
    {
        if (SortedKeys.Equal(query.Content, candidate.Content))
        {
            return (query, []);
        }

        var onlyQuery = new List<string>();
        var onlyCandidate = new List<string>();
        SortedKeys.Difference(query.Content, candidate.Content, onlyQuery, onlyCandidate);
        onlyQuery = [.. onlyQuery.Distinct(StringComparer.Ordinal)];
        onlyCandidate = [.. onlyCandidate.Distinct(StringComparer.Ordinal)];
        if (onlyQuery.Count == 0 || onlyCandidate.Count == 0 || onlyQuery.Count > MaxDiffering || onlyCandidate.Count > MaxDiffering)
        {
            return (query, []);
        }

        var qSurface = onlyQuery.Select(l => Surface(query, l)).ToArray();
        var cSurface = onlyCandidate.Select(l => Surface(candidate, l)).ToArray();
        var relations = new WordRelation[onlyQuery.Count, onlyCandidate.Count];
        for (var i = 0; i < onlyQuery.Count; i++)
        {
            for (var j = 0; j < onlyCandidate.Count; j++)
            {
                relations[i, j] = lexicon.Relate(qSurface[i], cSurface[j]);
            }
        }

        // Greedy by strength: the strongest allowed relations pair first, each word at most once.
        var usedQ = new bool[onlyQuery.Count];
        var usedC = new bool[onlyCandidate.Count];
        var links = new List<WordLink>();
        var replace = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var relation in (ReadOnlySpan<WordRelation>)[WordRelation.SameLemma, WordRelation.Synonym, WordRelation.SimilarTo, WordRelation.Hypernym])
        {
            for (var i = 0; i < onlyQuery.Count; i++)
            {
                for (var j = 0; j < onlyCandidate.Count && !usedQ[i]; j++)
                {
                    if (!usedC[j] && relations[i, j] == relation)
                    {
                        usedQ[i] = usedC[j] = true;
                        replace[onlyQuery[i]] = onlyCandidate[j];
                        links.Add(new WordLink(qSurface[i], cSurface[j], relation));
                    }
                }
            }
        }

        // Explain what stays different when WordNet says why (antonyms, sister terms, a more specific query word).
        for (var i = 0; i < onlyQuery.Count; i++)
        {
            for (var j = 0; j < onlyCandidate.Count && !usedQ[i]; j++)
            {
                if (!usedC[j] && relations[i, j] is not WordRelation.None)
                {
                    links.Add(new WordLink(qSurface[i], cSurface[j], relations[i, j]));
                    break;
                }
            }
        }

        if (replace.Count == 0)
        {
            return (query, links);
        }

        var words = (AnalyzedWord[])query.WordArray.Clone();
        for (var k = 0; k < words.Length; k++)
        {
            if (words[k].Kind == WordKind.Content && replace.TryGetValue(words[k].Lemma, out var lemma))
            {
                words[k] = words[k] with { Lemma = lemma };
            }
        }

        return (PromptAnalyzer.Rebuild(query, words), links);
    }

    /// <summary>The first content word written with this lemma, as written (lower case); the lemma if none.</summary>
    internal static string Surface(PromptAnalysis analysis, string lemma)
    {
        foreach (var w in analysis.WordArray)
        {
            if (w.Kind == WordKind.Content && string.Equals(w.Lemma, lemma, StringComparison.Ordinal))
            {
                return w.Surface;
            }
        }

        return lemma;
    }
}
