using System.Collections.Frozen;
using System.Globalization;

namespace SemCache.Matching;

/// <summary>
/// The closed word classes of English prompts (function words, conjunctions, negators, colour terms, number words,
/// spatial words, locative prepositions, picture nouns), read once from Lexicon/Data/english-closed-classes.tsv.
/// Everything open (nouns, verbs, adjectives and how they relate) comes from WordNet instead.
/// </summary>
internal static class ClosedClasses
{
    private const string ResourceName = "SemCache.Matching.Lexicon.Data.english-closed-classes.tsv";

    static ClosedClasses()
    {
        var stop = new HashSet<string>(StringComparer.Ordinal);
        var conjunctions = new HashSet<string>(StringComparer.Ordinal);
        var negators = new HashSet<string>(StringComparer.Ordinal);
        var pictures = new HashSet<string>(StringComparer.Ordinal);
        var colours = new Dictionary<string, string>(StringComparer.Ordinal);
        var numbers = new Dictionary<string, int>(StringComparer.Ordinal);
        var spatial = new Dictionary<string, (string, bool)>(StringComparer.Ordinal);
        var prepositions = new Dictionary<string, string>(StringComparer.Ordinal);
        var plurals = new Dictionary<string, string>(StringComparer.Ordinal);
        using var stream = typeof(ClosedClasses).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded resource {ResourceName} is missing.");
        using var reader = new StreamReader(stream);
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var f = line.Split('\t');
            var ok = f[0] switch
            {
                "stop" => stop.Add(f[1]),
                "conjunction" => conjunctions.Add(f[1]),
                "negator" => negators.Add(f[1]),
                "picture" => pictures.Add(f[1]),
                "colour" when f.Length == 3 => colours.TryAdd(f[1], f[2]),
                "number" when f.Length == 3 => numbers.TryAdd(f[1], int.Parse(f[2], CultureInfo.InvariantCulture)),
                "spatial" when f.Length >= 3 => spatial.TryAdd(f[1], (f[2], f.Length > 3 && f[3] == "converse")),
                "preposition" when f.Length == 3 => prepositions.TryAdd(f[1], f[2]),
                "plural" when f.Length == 3 => plurals.TryAdd(f[1], f[2]),
                _ => false,
            };
            if (!ok)
            {
                throw new InvalidDataException($"{ResourceName} line {lineNumber}: malformed or repeated entry '{line}'.");
            }
        }

        StopWords = stop.ToFrozenSet(StringComparer.Ordinal);
        Conjunctions = conjunctions.ToFrozenSet(StringComparer.Ordinal);
        Negators = negators.ToFrozenSet(StringComparer.Ordinal);
        PictureNouns = pictures.ToFrozenSet(StringComparer.Ordinal);
        Colours = colours.ToFrozenDictionary(StringComparer.Ordinal);
        NumberWords = numbers.ToFrozenDictionary(StringComparer.Ordinal);
        Spatial = spatial.ToFrozenDictionary(StringComparer.Ordinal);
        Prepositions = prepositions.ToFrozenDictionary(StringComparer.Ordinal);
        IrregularPlurals = plurals.ToFrozenDictionary(StringComparer.Ordinal);
    }

    public static FrozenSet<string> StopWords { get; }

    public static FrozenSet<string> Conjunctions { get; }

    public static FrozenSet<string> Negators { get; }

    /// <summary>Nouns for the picture itself: one meaning in a prompt, whatever WordNet's senses say.</summary>
    public static FrozenSet<string> PictureNouns { get; }

    public static FrozenDictionary<string, string> Colours { get; }

    public static FrozenDictionary<string, int> NumberWords { get; }

    /// <summary>Spatial words: (canonical relation, true when the word names the converse direction).</summary>
    public static FrozenDictionary<string, (string Relation, bool Converse)> Spatial { get; }

    /// <summary>Suppletive plurals WordNet lists as words of their own ("people" for "person").</summary>
    public static FrozenDictionary<string, string> IrregularPlurals { get; }

    /// <summary>Locative prepositions by family ("onto" is "on").</summary>
    public static FrozenDictionary<string, string> Prepositions { get; }
}
