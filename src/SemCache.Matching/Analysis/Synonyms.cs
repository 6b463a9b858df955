using System.Collections.Frozen;

namespace SemCache.Matching;

/// <summary>
/// One lemma for the picture nouns ("a photo of X" = "an image of X"): WordNet files "picture" and "photo" as
/// different kinds of representation, but a prompt uses them alike. Every other word keeps its own lemma; how open-class
/// words relate is WordNet's business (<see cref="WordAligner"/>).
/// </summary>
internal static class Synonyms
{
    private static readonly FrozenDictionary<string, string> Map = Build();

    public static string Canonical(string stem) => Map.TryGetValue(stem, out var canonical) ? canonical : stem;

    private static FrozenDictionary<string, string> Build()
    {
        var head = Lemmatizer.Stem("photo", out _, out _);
        return ClosedClasses.PictureNouns.ToFrozenDictionary(w => Lemmatizer.Stem(w, out _, out _), _ => head, StringComparer.Ordinal);
    }
}
