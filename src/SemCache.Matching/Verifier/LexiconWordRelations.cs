using SemCache.Matching.Lexicon;
using LexiconRelation = SemCache.Matching.Lexicon.WordRelation;

namespace SemCache.Matching.Verifier;

/// <summary>The verifier's word relations from the same WordNet lexicon the decider aligns words with.</summary>
public sealed class LexiconWordRelations(WordNetLexicon lexicon) : IWordRelations
{
    public static LexiconWordRelations Shared { get; } = new(WordNetLexicon.Shared);

    public WordRelation Relate(string queryWord, string candidateWord) => lexicon.Relate(queryWord, candidateWord) switch
    {
        LexiconRelation.SameLemma or LexiconRelation.Synonym => WordRelation.SameSynset,
        LexiconRelation.SimilarTo => WordRelation.SimilarTo,
        LexiconRelation.Derivation => WordRelation.Derivation,
        LexiconRelation.Hypernym => WordRelation.QueryMoreGeneral,
        LexiconRelation.Hyponym => WordRelation.QueryMoreSpecific,
        LexiconRelation.CoHyponym => WordRelation.CoHyponym,
        LexiconRelation.Antonym => WordRelation.Antonym,
        _ => WordRelation.None,
    };
}
