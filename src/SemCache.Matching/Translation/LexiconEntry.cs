namespace SemCache.Matching.Translation;

/// <summary>
/// What the bridge knows about one word form: English glosses (usual first; empty = drop the word) and its class:
/// a closed-list class (det, prep, neg, num, colour, adj, spatial, conj, pron, verb, adv, noun) or, for a dictionary
/// word, its part of speech (n, adj, v, adv, or empty when the dictionary does not say).
/// </summary>
public sealed record LexiconEntry(IReadOnlyList<string> Glosses, string Class, bool ClosedList)
{
    public bool IsAdjective => Class is "adj" or "colour";

    public bool IsNounLike => ClosedList ? Class == "noun" : Class is "n" or "";

    /// <summary>The glosses are already inflected for this form (Apertium's analysis and English generator), so
    /// a plural noun needs no English plural added.</summary>
    public bool Inflected { get; init; }
}
