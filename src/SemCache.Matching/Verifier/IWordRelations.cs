namespace SemCache.Matching.Verifier;

/// <summary>
/// The lexical relation between a differing query word and a differing candidate word. This is where word knowledge
/// (WordNet synonyms, similar-to, hypernyms…) plugs into the verifier: <see cref="PairFeatureExtractor"/> counts the
/// best relation of each differing query lemma, so a new provider only needs a retrain, not new feature code.
/// </summary>
public interface IWordRelations
{
    /// <summary>Relation of two differing words, as written (lower case).</summary>
    WordRelation Relate(string queryWord, string candidateWord);
}

/// <summary>Relations the verifier distinguishes, best (closest in meaning) first.</summary>
public enum WordRelation
{
    SameSynset,
    SimilarTo,
    Derivation,
    QueryMoreGeneral,
    QueryMoreSpecific,
    CoHyponym,
    Antonym,
    None,
}

/// <summary>No word knowledge: every pair of differing words is <see cref="WordRelation.None"/>.</summary>
public sealed class NoWordRelations : IWordRelations
{
    public static NoWordRelations Instance { get; } = new();

    public WordRelation Relate(string queryWord, string candidateWord) => WordRelation.None;
}
