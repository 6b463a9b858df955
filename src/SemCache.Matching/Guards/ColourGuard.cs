namespace SemCache.Matching;

/// <summary>
/// Same colours on the same objects: "a red car and a blue bench" ≠ "a blue car and a red bench" ≠ "a green car
/// and a blue bench"; conjuncts may be reordered ("a blue bench and a red car" passes).
/// </summary>
public sealed class ColourGuard() : KeySetGuard(GuardNames.Colour)
{
    protected override string[] Keys(PromptAnalysis analysis) => analysis.Colours;
}
