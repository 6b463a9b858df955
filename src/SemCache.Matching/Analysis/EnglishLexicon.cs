using System.Collections.Frozen;

namespace SemCache.Matching;

/// <summary>Classification of a lower-case word by the closed classes (<see cref="ClosedClasses"/>).</summary>
internal static class EnglishLexicon
{
    public static FrozenSet<string> StopWords => ClosedClasses.StopWords;

    public static FrozenSet<string> Conjunctions => ClosedClasses.Conjunctions;

    public static FrozenSet<string> Negators => ClosedClasses.Negators;

    /// <summary>Colour words and their canonical colour.</summary>
    public static FrozenDictionary<string, string> Colours => ClosedClasses.Colours;

    /// <summary>Number words with their value; "a pair of", "a couple of" and "dozen" count too.</summary>
    public static FrozenDictionary<string, int> NumberWords => ClosedClasses.NumberWords;

    /// <summary>Spatial words: (canonical relation, true when the word names the converse direction).</summary>
    public static FrozenDictionary<string, (string Relation, bool Converse)> Spatial => ClosedClasses.Spatial;

    public static WordKind Classify(string lower)
    {
        if (Conjunctions.Contains(lower))
        {
            return WordKind.Conjunction;
        }

        if (Negators.Contains(lower))
        {
            return WordKind.Negator;
        }

        if (Spatial.ContainsKey(lower))
        {
            return WordKind.Spatial;
        }

        if (Colours.ContainsKey(lower))
        {
            return WordKind.Colour;
        }

        if (NumberWords.ContainsKey(lower) || IsDigits(lower))
        {
            return WordKind.Number;
        }

        return StopWords.Contains(lower) ? WordKind.Stop : WordKind.Content;
    }

    public static bool IsDigits(string s)
    {
        foreach (var c in s)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        return s.Length > 0;
    }
}
