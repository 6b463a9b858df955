namespace SemCache.Matching;

/// <summary>Names of the built-in guards.</summary>
public static class GuardNames
{
    public const string Language = "language";
    public const string QuotedText = "quoted-text";
    public const string Count = "count";
    public const string Colour = "colour";
    public const string Negation = "negation";
    public const string Spatial = "spatial";
    public const string Content = "content";
    public const string Roles = "roles";
    public const string RelationWords = "relation-words";
    public const string Objects = "objects";

    public static IReadOnlyList<string> All { get; } = [Language, QuotedText, Count, Colour, Negation, Spatial, Content, Roles, RelationWords, Objects];
}
