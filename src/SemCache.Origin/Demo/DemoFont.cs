using SkiaSharp;

namespace SemCache.Origin;

/// <summary>
/// The embedded DejaVu Sans typeface, loaded once. The NoDependencies native asset has no system fonts, so the
/// default typeface may draw nothing; shipping the font also keeps renders identical across machines.
/// </summary>
internal static class DemoFont
{
    private const string ResourceName = "SemCache.Origin.DejaVuSans.ttf";

    private static readonly Lazy<SKTypeface> Instance = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    public static SKTypeface Typeface => Instance.Value;

    private static SKTypeface Load()
    {
        using var stream = typeof(DemoFont).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded font {ResourceName} is missing.");
        return SKTypeface.FromStream(stream)
            ?? throw new InvalidOperationException($"The embedded font {ResourceName} could not be read.");
    }
}
