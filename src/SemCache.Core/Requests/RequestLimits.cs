namespace SemCache.Core.Requests;

/// <summary>Validation limits and defaults of the request model.</summary>
public sealed record RequestLimits
{
    public int MaxPromptLength { get; init; } = 2000;

    public int MinDimension { get; init; } = 16;

    public int MaxDimension { get; init; } = 4096;

    public int MaxParameterLength { get; init; } = 4096;

    public int MaxParameters { get; init; } = 32;

    public string DefaultModel { get; init; } = "flux";

    public int DefaultWidth { get; init; } = 1024;

    public int DefaultHeight { get; init; } = 1024;

    /// <summary>The seed a request without one is generated with (Pollinations uses 42).</summary>
    public string DefaultSeed { get; init; } = "42";

    public SeedPolicy SeedPolicy { get; init; } = SeedPolicy.Partition;

    public static RequestLimits Default { get; } = new();
}
