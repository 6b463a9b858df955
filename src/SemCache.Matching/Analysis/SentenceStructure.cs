using System.Collections.Frozen;
using SemCache.Matching.Lexicon;

namespace SemCache.Matching;

/// <summary>
/// Rewrites grammar that does not change the picture into one canonical word order before features are extracted,
/// so that the order-sensitive checks (roles, bindings) compare like with like:
/// appositive attributes ("a lighthouse, red, on a cliff" → "a red lighthouse on a cliff"), the passive ("a door
/// being opened by a man" → "a man opened a door"), predicate adjectives and relative clauses ("a room which is dim",
/// "the rose is short" → "a dim room", "the short rose") and of-phrases ("a puddle of rain" → "a rain puddle").
/// Word classes come from WordNet's tagged-sense counts, not from word lists.
/// </summary>
internal static class SentenceStructure
{
    private static readonly FrozenSet<string> Be = FrozenSet.ToFrozenSet(["is", "are", "was", "were", "be", "been", "being", "am", "get", "gets", "got", "getting"], StringComparer.Ordinal);
    private static readonly FrozenSet<string> Copula = FrozenSet.ToFrozenSet(["is", "are", "was", "were"], StringComparer.Ordinal);
    private static readonly FrozenSet<string> Relative = FrozenSet.ToFrozenSet(["which", "that", "who"], StringComparer.Ordinal);
    private static readonly FrozenSet<string> Articles = FrozenSet.ToFrozenSet(["a", "an", "the"], StringComparer.Ordinal);
    private static readonly FrozenSet<string> Degree = FrozenSet.ToFrozenSet(["very", "quite", "really", "so", "rather"], StringComparer.Ordinal);

    public static AnalyzedWord[] Normalize(AnalyzedWord[] input, WordNetLexicon lexicon, FrozenSet<string> framing)
    {
        var words = new List<AnalyzedWord>(input);
        Appositives(words, lexicon);
        var result = new List<AnalyzedWord>(words.Count);
        var start = 0;
        for (var i = 0; i <= words.Count; i++)
        {
            if (i == words.Count || words[i].Kind == WordKind.Conjunction)
            {
                var clause = words.GetRange(start, i - start);
                clause = Passive(clause, lexicon) ?? clause;
                clause = Predicate(clause, lexicon) ?? clause;
                clause = OfPhrase(clause, lexicon, framing) ?? clause;
                result.AddRange(clause);
                if (i < words.Count)
                {
                    result.Add(words[i]);
                }

                start = i + 1;
            }
        }

        return [.. result];
    }

    /// <summary>"X ... by Y" with X's verb in a past form: Y, verb, X.</summary>
    private static List<AnalyzedWord>? Passive(List<AnalyzedWord> c, WordNetLexicon lexicon)
    {
        for (var k = 1; k < c.Count - 1; k++)
        {
            var v = c[k - 1];
            if (c[k].Surface != "by" || v.Kind != WordKind.Content || v.Ing || lexicon.PastVerb(v.Surface) is not { } verb)
            {
                continue;
            }

            var aux = k - 1;
            while (aux > 0 && Be.Contains(c[aux - 1].Surface))
            {
                aux--;
            }

            if (!HasContent(c, 0, aux) || !HasContent(c, k + 1, c.Count))
            {
                return null;
            }

            var active = new List<AnalyzedWord>(c.Count);
            active.AddRange(c.GetRange(k + 1, c.Count - k - 1));
            active.Add(v with { Lemma = Synonyms.Canonical(Lemmatizer.Stem(verb, out _, out _)) });
            active.AddRange(c.GetRange(0, aux));
            return active;
        }

        return null;
    }

    /// <summary>"N (which|that|who) is A": A N.</summary>
    private static List<AnalyzedWord>? Predicate(List<AnalyzedWord> c, WordNetLexicon lexicon)
    {
        for (var b = 1; b < c.Count - 1; b++)
        {
            if (!Copula.Contains(c[b].Surface))
            {
                continue;
            }

            var n = b - 1;
            if (Relative.Contains(c[n].Surface))
            {
                n--;
            }

            if (n < 0 || c[n].Kind != WordKind.Content || c[n].Ing || lexicon.IsAdjective(c[n].Surface))
            {
                continue;
            }

            var end = b + 1;
            while (end < c.Count && Degree.Contains(c[end].Surface))
            {
                end++;
            }

            var first = end;
            while (end < c.Count && IsAttribute(c[end], lexicon))
            {
                end++;
            }

            // A noun after the adjectives makes them its own ("the cat is a red fox"): not a predicate adjective.
            if (end == first || (end < c.Count && c[end].Kind is WordKind.Content or WordKind.Colour or WordKind.Number))
            {
                continue;
            }

            var moved = new List<AnalyzedWord>(c.Count);
            moved.AddRange(c.GetRange(0, n));
            moved.AddRange(c.GetRange(first, end - first));
            moved.Add(c[n]);
            moved.AddRange(c.GetRange(end, c.Count - end));
            return moved;
        }

        return null;
    }

    /// <summary>"N1 of (the) N2" with two plain nouns: N2 N1 ("a puddle of rain" = "a rain puddle").</summary>
    private static List<AnalyzedWord>? OfPhrase(List<AnalyzedWord> c, WordNetLexicon lexicon, FrozenSet<string> framing)
    {
        for (var k = 1; k < c.Count - 1; k++)
        {
            if (c[k].Surface != "of")
            {
                continue;
            }

            var n1 = c[k - 1];
            var j = k + 1;
            if (j < c.Count && Articles.Contains(c[j].Surface))
            {
                j++;
            }

            if (j >= c.Count || !IsPlainNoun(n1, lexicon) || framing.Contains(n1.Lemma) || !IsPlainNoun(c[j], lexicon)
                || (j + 1 < c.Count && c[j + 1].Kind is WordKind.Content or WordKind.Colour))
            {
                continue;
            }

            var moved = new List<AnalyzedWord>(c.Count);
            moved.AddRange(c.GetRange(0, k - 1));
            moved.Add(c[j]);
            moved.Add(n1);
            moved.AddRange(c.GetRange(j + 1, c.Count - j - 1));
            return moved;
        }

        return null;
    }

    /// <summary>", A," between commas after a noun: the attribute moves before the noun and the commas go.</summary>
    private static void Appositives(List<AnalyzedWord> words, WordNetLexicon lexicon)
    {
        for (var i = 1; i < words.Count; i++)
        {
            if (words[i - 1].Surface != ",")
            {
                continue;
            }

            var end = i;
            while (end < words.Count && end - i < 3 && IsAttribute(words[end], lexicon))
            {
                end++;
            }

            if (end == i || (end < words.Count && words[end].Kind != WordKind.Conjunction))
            {
                continue;
            }

            var noun = i - 2;
            if (noun < 0 || words[noun].Kind != WordKind.Content || words[noun].Ing || !lexicon.IsNoun(words[noun].Surface))
            {
                continue;
            }

            var attributes = words.GetRange(i, end - i);
            var closing = end < words.Count && words[end].Surface == "," ? 1 : 0;
            words.RemoveRange(i - 1, end - i + 1 + closing);
            words.InsertRange(noun, attributes);
            i = noun + attributes.Count;
        }
    }

    private static bool IsAttribute(AnalyzedWord w, WordNetLexicon lexicon) =>
        w.Kind == WordKind.Colour || (w.Kind == WordKind.Content && !w.Ing && lexicon.IsAdjective(w.Surface));

    private static bool IsPlainNoun(AnalyzedWord w, WordNetLexicon lexicon) =>
        w.Kind == WordKind.Content && !w.Ing && lexicon.IsNoun(w.Surface);

    private static bool HasContent(List<AnalyzedWord> c, int from, int to)
    {
        for (var i = from; i < to; i++)
        {
            if (c[i].Kind == WordKind.Content)
            {
                return true;
            }
        }

        return false;
    }
}
