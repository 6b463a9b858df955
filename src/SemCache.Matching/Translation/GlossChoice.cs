namespace SemCache.Matching.Translation;

/// <summary>
/// One candidate to embed again with glosses chosen for the pair (<see cref="SemanticDecider.GlossChoices"/>):
/// its position in the candidate list and the two texts. <see cref="QueryUnchanged"/>: the query's text is the one
/// already embedded for the search, so its vector is reused.
/// </summary>
public sealed record GlossChoice(int Candidate, string Query, string Stored, bool QueryUnchanged);
