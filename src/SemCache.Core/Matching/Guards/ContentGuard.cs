namespace SemCache.Matching;

/// <summary>
/// Same content words (objects, attributes, actions, styles) after stemming and a small synonym table:
/// "tiny orange car" ≠ "tiny orange cat", "a photo of X" ≠ "a painting of X", "a dog" ≠ "a dog and a cat".
/// Colours, numbers, negators and spatial words are left to their own guards.
/// </summary>
public sealed class ContentGuard() : KeySetGuard(GuardNames.Content)
{
    protected override string[] Keys(PromptAnalysis analysis) => analysis.Content;
}
