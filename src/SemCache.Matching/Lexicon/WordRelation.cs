namespace SemCache.Matching.Lexicon;

/// <summary>How a query word relates to a candidate word in WordNet, strongest first.</summary>
public enum WordRelation : byte
{
    /// <summary>No link found (different words, or a word WordNet does not know).</summary>
    None,

    /// <summary>Both words are forms of the same lemma ("mice" / "mouse").</summary>
    SameLemma,

    /// <summary>They share a synset ("sofa" / "couch").</summary>
    Synonym,

    /// <summary>Adjectives of one similarity cluster ("tiny" / "small", "tiny" / "minuscule").</summary>
    SimilarTo,

    /// <summary>The query word is a more general word for the candidate's ("feline" for "cat"): the stored picture shows one.</summary>
    Hypernym,

    /// <summary>The query word is more specific than the candidate's ("cat" for "animal"): the stored picture may show another.</summary>
    Hyponym,

    /// <summary>Derivationally related across parts of speech ("sleep" / "asleep").</summary>
    Derivation,

    /// <summary>Sister terms under one direct hypernym ("cat" / "dog"): evidence of a different picture.</summary>
    CoHyponym,

    /// <summary>Opposites ("small" / "large").</summary>
    Antonym,
}

/// <summary>Relation names as shown in explanations ("small ~ tiny: similar-to").</summary>
public static class WordRelationNames
{
    public static string Name(this WordRelation relation) => relation switch
    {
        WordRelation.SameLemma => "same-lemma",
        WordRelation.Synonym => "synonym",
        WordRelation.SimilarTo => "similar-to",
        WordRelation.Hypernym => "hypernym",
        WordRelation.Hyponym => "hyponym",
        WordRelation.Derivation => "derivation",
        WordRelation.CoHyponym => "co-hyponym",
        WordRelation.Antonym => "antonym",
        _ => "none",
    };

    /// <summary>Whether the candidate's picture may be served for the query word.</summary>
    public static bool AllowsSubstitution(this WordRelation relation) =>
        relation is WordRelation.SameLemma or WordRelation.Synonym or WordRelation.SimilarTo or WordRelation.Hypernym;
}
