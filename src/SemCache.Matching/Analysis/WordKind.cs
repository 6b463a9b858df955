namespace SemCache.Matching;

/// <summary>What a word contributes to the picture, as far as the guards are concerned.</summary>
public enum WordKind : byte
{
    /// <summary>Function word: ignored.</summary>
    Stop,

    /// <summary>Object, attribute, action or style word: compared by the content and role guards.</summary>
    Content,

    Colour,
    Number,
    Negator,
    Spatial,

    /// <summary>Splits conjuncts ("and", commas): conjuncts may be reordered without changing the picture.</summary>
    Conjunction,
}
