namespace SemCache.Matching.Translation;

/// <summary>
/// One word of a rendering: its English glosses, usual first (empty for a dropped word such as a reflexive "se").
/// Punctuation and unknown words (names) carry themselves as the only gloss.
/// </summary>
public sealed record RenderedWord(string Source, IReadOnlyList<string> Glosses);
