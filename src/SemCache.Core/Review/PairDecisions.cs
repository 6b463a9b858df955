namespace SemCache.Core.Review;

/// <summary>Values of <see cref="RecordedPair.Decision"/> and <see cref="RecordedPair.Mode"/>.</summary>
public static class PairDecisions
{
    public const string Hit = "hit";

    public const string Rejected = "rejected";

    public const string ShadowMode = "shadow";

    public const string ServeMode = "serve";
}
