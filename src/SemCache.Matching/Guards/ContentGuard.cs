namespace SemCache.Matching;

/// <summary>
/// Same content words (objects, attributes, actions, styles) after stemming: "tiny orange car" ≠ "tiny orange cat",
/// "a photo of X" ≠ "a painting of X", "a dog" ≠ "a dog and a cat". The decider first rewrites the query in the
/// candidate's words where WordNet allows it ("small" → "tiny", a general "animal" → the stored "cat"), so what this
/// guard still sees as different is different. Colours, numbers, negators and spatial words have their own guards.
/// </summary>
public sealed class ContentGuard : IMatchGuard
{
    private static readonly GuardVerdict Pass = new(GuardNames.Content, true, null);

    public string Name => GuardNames.Content;

    public GuardVerdict Check(PromptAnalysis query, PromptAnalysis candidate) =>
        SortedKeys.Equal(query.Content, candidate.Content) ? Pass : new GuardVerdict(Name, false, SortedKeys.Describe(query.Content, candidate.Content));
}
