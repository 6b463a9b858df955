namespace SemCache.Matching.Verifier;

/// <summary>
/// Where the two prompts of a pair come from, for the verifier: whether they were written in different languages
/// (one side, or both, is an English rendering of another language), and the largest share of a rendering's words
/// the bridge could not gloss. Two English prompts are the default.
/// </summary>
public readonly record struct PairOrigin(bool CrossLanguage, float UnglossedShare);
