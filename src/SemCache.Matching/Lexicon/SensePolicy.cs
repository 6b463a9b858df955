namespace SemCache.Matching.Lexicon;

/// <summary>
/// Which WordNet senses of a word take part in matching. WordNet lists every sense ("cat" is also a whip, a tractor
/// and a person), so reading all of them would let rare senses open false hits; the tagged-sense counts (how often a
/// sense was seen in the SemCor corpus) say which senses a prompt most likely means. Measured in docs/quality.md.
/// </summary>
public sealed record SensePolicy
{
    /// <summary>At most this many senses per word and part of speech, in WordNet's frequency order.</summary>
    public int MaxSenses { get; init; } = 3;

    /// <summary>
    /// A tagged sense counts when it has at least this share of the word's tagged occurrences. Words with no tagged
    /// sense (rare words such as "minuscule") keep their first <see cref="MaxSenses"/> senses.
    /// </summary>
    public double MinTaggedShare { get; init; } = 0.1;

    /// <summary>Steps up the hypernym tree within which a general query word covers a specific candidate word.</summary>
    public int MaxHypernymSteps { get; init; } = 8;

    /// <summary>
    /// A general word must be at least this deep below the root ("entity"): "animal" (6) may stand for "cat", but
    /// "object" (2) or "whole" (3) say too little about the picture to stand for anything.
    /// </summary>
    public int MinGeneralDepth { get; init; } = 5;

    /// <summary>Whether hypernyms of verbs count (a general verb covering a specific manner of it); off: verbs differ.</summary>
    public bool VerbHypernyms { get; init; }

    public static SensePolicy Default { get; } = new();
}
