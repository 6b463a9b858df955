namespace SemCache.Matching;

/// <summary>Values of <see cref="MatchOptions.Mode"/>.</summary>
public static class SemanticModes
{
    public const string Serve = "serve";

    public const string Shadow = "shadow";

    public const string Off = "off";

    public static readonly IReadOnlyList<string> All = [Serve, Shadow, Off];
}
