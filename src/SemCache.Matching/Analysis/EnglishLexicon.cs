using System.Collections.Frozen;

namespace SemCache.Matching;

/// <summary>Closed word classes of English prompts (lower case), looked up once per word.</summary>
internal static class EnglishLexicon
{
    public static readonly FrozenSet<string> StopWords = Words(
        "a an the this that these those is are was were be been being am has have had having do does did " +
        "of in on at to for from by with as into onto upon it its it's itself they them their theirs there here " +
        "he she him his her hers we us our you your i me my mine which who whom whose what where when " +
        "than then so such also just very some any each every another other others one's s t " +
        "can could will would should may might must shall being seen shown showing depicting " +
        "about something anything together very really actually quite seen shown pictured displayed various " +
        // Verb particles: "lying down" is "lying", "holding up a sign" is "holding a sign" in a picture.
        "up down");

    public static readonly FrozenSet<string> Conjunctions = Words("and & plus , ; . : ! ? | / + ( ) [ ] y et und e while but whereas");

    public static readonly FrozenSet<string> Negators = Words("no not without never none nothing nobody neither nor");

    /// <summary>Colour words and their canonical colour.</summary>
    public static readonly FrozenDictionary<string, string> Colours = Pairs(
        "red=red scarlet=red crimson=red orange=orange yellow=yellow green=green blue=blue navy=blue " +
        "purple=purple violet=purple pink=pink brown=brown black=black white=white gray=gray grey=gray " +
        "gold=gold golden=gold silver=silver beige=beige cyan=cyan magenta=magenta turquoise=turquoise " +
        "maroon=maroon teal=teal indigo=indigo blonde=blonde blond=blonde ivory=ivory lavender=lavender tan=tan");

    /// <summary>Number words with their value; "a pair of", "a couple of" and "dozen" count too.</summary>
    public static readonly FrozenDictionary<string, int> NumberWords = new Dictionary<string, int>
    {
        ["zero"] = 0,
        ["one"] = 1,
        ["single"] = 1,
        ["lone"] = 1,
        ["two"] = 2,
        ["pair"] = 2,
        ["couple"] = 2,
        ["three"] = 3,
        ["four"] = 4,
        ["five"] = 5,
        ["six"] = 6,
        ["seven"] = 7,
        ["eight"] = 8,
        ["nine"] = 9,
        ["ten"] = 10,
        ["eleven"] = 11,
        ["twelve"] = 12,
        ["dozen"] = 12,
        ["thirteen"] = 13,
        ["fourteen"] = 14,
        ["fifteen"] = 15,
        ["sixteen"] = 16,
        ["seventeen"] = 17,
        ["eighteen"] = 18,
        ["nineteen"] = 19,
        ["twenty"] = 20,
        ["thirty"] = 30,
        ["forty"] = 40,
        ["fifty"] = 50,
        ["hundred"] = 100,
        ["thousand"] = 1000,
        ["both"] = 2,
        ["twin"] = 2,
        ["twins"] = 2,
        ["trio"] = 3,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Spatial words: (canonical relation, true when the word names the converse direction).</summary>
    public static readonly FrozenDictionary<string, (string Relation, bool Converse)> Spatial =
        new Dictionary<string, (string, bool)>
        {
            ["left"] = ("left-of", false),
            ["right"] = ("left-of", true),
            ["above"] = ("above", false),
            ["atop"] = ("above", false),
            ["top"] = ("above", false),
            ["below"] = ("above", true),
            ["beneath"] = ("above", true),
            ["underneath"] = ("above", true),
            ["bottom"] = ("above", true),
            ["under"] = ("above", true),
            ["over"] = ("above", false),
            ["front"] = ("in-front-of", false),
            ["behind"] = ("in-front-of", true),
            ["near"] = ("near", false),
            ["beside"] = ("near", false),
            ["next"] = ("near", false),
            ["nearby"] = ("near", false),
            ["besides"] = ("near", false),
            ["side"] = ("near", false),
        }.ToFrozenDictionary(StringComparer.Ordinal);

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

    private static FrozenSet<string> Words(string words) =>
        words.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToFrozenSet(StringComparer.Ordinal);

    private static FrozenDictionary<string, string> Pairs(string pairs) =>
        pairs.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('='))
            .ToFrozenDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
}
