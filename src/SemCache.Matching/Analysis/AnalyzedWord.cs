namespace SemCache.Matching;

/// <summary>One word of a prompt after classification and stemming.</summary>
/// <param name="Lemma">Canonical form: synonym-mapped stem, canonical colour, number value or the word itself.</param>
/// <param name="Plural">A plural noun form ("dogs", "people").</param>
/// <param name="Ing">An -ing form (usually a verb; never the subject of a spatial relation).</param>
/// <param name="Value">Number value for <see cref="WordKind.Number"/>, else -1.</param>
/// <param name="Surface">The word as written (lower case), for word knowledge that needs the real form.</param>
public readonly record struct AnalyzedWord(string Lemma, WordKind Kind, bool Plural, bool Ing, int Value, string Surface);
