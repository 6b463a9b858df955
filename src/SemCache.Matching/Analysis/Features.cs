using System.Collections.Frozen;

namespace SemCache.Matching;

/// <summary>Extraction of the bound features (colour→object, number→object, negator→object, relations).</summary>
internal static class Features
{
    /// <summary>A colour describes the next content word ("red car"), or the previous one ("a car that is red").</summary>
    public static string[] Colours(AnalyzedWord[] words)
    {
        var keys = new List<string>();
        for (var i = 0; i < words.Length; i++)
        {
            if (words[i].Kind != WordKind.Colour)
            {
                continue;
            }

            var target = ForwardColourTarget(words, i) ?? Backward(words, i);
            keys.Add(words[i].Lemma + ">" + target);
        }

        return PromptAnalyzer.Sorted(keys);
    }

    /// <summary>A number above one counts the next content word ("three red cars" → 3>car).</summary>
    public static string[] Counts(AnalyzedWord[] words)
    {
        var keys = new List<string>();
        for (var i = 0; i < words.Length; i++)
        {
            if (words[i].Kind == WordKind.Number && words[i].Value != 1)
            {
                keys.Add(words[i].Lemma + ">" + Forward(words, i, skipNumbers: true));
            }
        }

        return PromptAnalyzer.Sorted(keys);
    }

    public static string[] Negations(AnalyzedWord[] words)
    {
        var keys = new List<string>();
        for (var i = 0; i < words.Length; i++)
        {
            if (words[i].Kind == WordKind.Negator)
            {
                keys.Add("not>" + Forward(words, i, skipNumbers: true));
            }
        }

        return PromptAnalyzer.Sorted(keys);
    }

    /// <summary>
    /// "subject relation object" with the nearest non-verb content word on each side (inside the conjunct), turned
    /// to the canonical direction so that a converse ("a couch right of a bird") gives the same key as the original.
    /// </summary>
    public static string[] Relations(AnalyzedWord[] words, FrozenSet<string> framing)
    {
        var keys = new List<string>();
        for (var i = 0; i < words.Length; i++)
        {
            if (words[i].Kind != WordKind.Spatial)
            {
                continue;
            }

            var (relation, converse) = EnglishLexicon.Spatial[words[i].Lemma];
            var subject = Argument(words, i, -1, framing);
            var obj = Argument(words, i, +1, framing);
            if (converse)
            {
                (subject, obj) = (obj, subject);
            }

            if (relation == "near" && string.CompareOrdinal(subject, obj) > 0)
            {
                (subject, obj) = (obj, subject);
            }

            keys.Add(subject + " " + relation + " " + obj);
        }

        return PromptAnalyzer.Sorted(keys);
    }

    public static string[] RelationWords(AnalyzedWord[] words)
    {
        var result = new List<string>();
        var current = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var w in words)
        {
            switch (w.Kind)
            {
                case WordKind.Content:
                    result.Add(string.Join('+', current));
                    current.Clear();
                    break;
                case WordKind.Spatial:
                    var (relation, converse) = EnglishLexicon.Spatial[w.Lemma];
                    current.Add(converse ? relation + "-inverse" : relation);
                    break;
                case WordKind.Stop when ClosedClasses.Prepositions.TryGetValue(w.Lemma, out var family):
                    current.Add(family);
                    break;
                case WordKind.Conjunction:
                    current.Clear();
                    break;
            }
        }

        return [.. result];
    }

    private static string Argument(AnalyzedWord[] words, int from, int step, FrozenSet<string> framing)
    {
        for (var j = from + step; j >= 0 && j < words.Length; j += step)
        {
            var w = words[j];
            if (w.Kind == WordKind.Conjunction)
            {
                break;
            }

            if (w.Kind == WordKind.Content && !w.Ing && !framing.Contains(w.Lemma))
            {
                return step > 0 ? Head(words, j) : w.Lemma;
            }
        }

        return "?";
    }

    private static string? ForwardColourTarget(AnalyzedWord[] words, int i)
    {
        for (var j = i + 1; j < words.Length; j++)
        {
            var w = words[j];
            switch (w.Kind)
            {
                case WordKind.Colour:
                    continue;
                case WordKind.Content:
                    return Numbered(words, HeadIndex(words, j));
                case WordKind.Conjunction when j + 1 < words.Length && words[j + 1].Kind == WordKind.Colour:
                    continue; // "brown and white dogs"
                default:
                    return null;
            }
        }

        return null;
    }

    private static string Backward(AnalyzedWord[] words, int i)
    {
        for (var j = i - 1; j >= 0; j--)
        {
            var w = words[j];
            if (w.Kind == WordKind.Content)
            {
                return Numbered(words, j);
            }

            if (w.Kind is not (WordKind.Stop or WordKind.Colour))
            {
                break;
            }
        }

        return "";
    }

    /// <summary>
    /// The word a number or negator applies to: the head (last word) of the next noun phrase, skipping colours,
    /// articles and "of" ("a pair of black shoes" → shoe), but not other function words ("engine 5 by X").
    /// </summary>
    private static string Forward(AnalyzedWord[] words, int i, bool skipNumbers)
    {
        for (var j = i + 1; j < words.Length; j++)
        {
            var w = words[j];
            if (w.Kind == WordKind.Content)
            {
                return Head(words, j);
            }

            var skip = w.Kind is WordKind.Colour or WordKind.Negator
                || (w.Kind == WordKind.Stop && w.Lemma is "a" or "an" or "the" or "of" or "with" or "any")
                || (skipNumbers && w.Kind == WordKind.Number);
            if (!skip)
            {
                break;
            }
        }

        return "";
    }

    /// <summary>Last word of the run of content words starting at <paramref name="j"/> ("computer mouse" → mouse).</summary>
    private static string Head(AnalyzedWord[] words, int j) => words[HeadIndex(words, j)].Lemma;

    private static int HeadIndex(AnalyzedWord[] words, int j)
    {
        while (j + 1 < words.Length && words[j + 1].Kind == WordKind.Content && !words[j + 1].Ing)
        {
            j++;
        }

        return j;
    }

    /// <summary>Lemma with its grammatical number, so "a black goat and two white goats" ≠ "a white goat and two black goats".</summary>
    private static string Numbered(AnalyzedWord[] words, int j) => words[j].Plural ? words[j].Lemma + "(pl)" : words[j].Lemma;
}
