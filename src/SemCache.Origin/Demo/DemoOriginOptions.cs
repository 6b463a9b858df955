namespace SemCache.Origin;

/// <summary>Settings of <see cref="DemoOrigin"/>. See docs/origins.md.</summary>
public sealed record DemoOriginOptions
{
    /// <summary>
    /// Simulated generation time before the image is returned (default zero). The CLI sets about 1.5 s so a cache hit
    /// is visibly faster than a miss.
    /// </summary>
    public TimeSpan Delay { get; init; } = TimeSpan.Zero;

    /// <summary>
    /// The longest side of the rendered picture in pixels (default 512). The requested aspect ratio is kept, but the
    /// picture is scaled down so demo images stay small and quick to draw.
    /// </summary>
    public int MaxRenderSide { get; init; } = 512;

    /// <summary>Every invalid setting, named; empty when the options can be used.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Delay < TimeSpan.Zero)
        {
            errors.Add($"{nameof(Delay)} must not be negative.");
        }

        if (MaxRenderSide is < 16 or > 4096)
        {
            errors.Add($"{nameof(MaxRenderSide)} must be from 16 to 4096 pixels.");
        }

        return errors;
    }
}
