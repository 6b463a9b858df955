namespace SemCache.Matching;

/// <summary>
/// Same spatial relations between the same objects, compared in canonical direction: "a bird left of a couch" =
/// "a couch right of a bird", but ≠ "a couch left of a bird" and ≠ "a bird right of a couch".
/// </summary>
public sealed class SpatialGuard() : KeySetGuard(GuardNames.Spatial)
{
    protected override string[] Keys(PromptAnalysis analysis) => analysis.Relations;
}
