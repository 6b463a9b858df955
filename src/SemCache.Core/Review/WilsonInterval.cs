namespace SemCache.Core.Review;

/// <summary>
/// The Wilson score interval of a proportion: unlike the normal approximation it stays inside [0, 1] and is honest
/// with few labels or a rate near zero, which is exactly the false-hit case.
/// </summary>
public readonly record struct WilsonInterval(double Rate, double Low, double High)
{
    /// <summary>z for a two-sided 95% interval.</summary>
    public const double Z95 = 1.959963984540054;

    /// <summary>The interval of <paramref name="successes"/> out of <paramref name="trials"/>; (0, 0, 1) with no trials.</summary>
    public static WilsonInterval Of(long successes, long trials, double z = Z95)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(successes);
        ArgumentOutOfRangeException.ThrowIfLessThan(trials, successes);
        if (trials == 0)
        {
            return new WilsonInterval(0, 0, 1);
        }

        double n = trials;
        var p = successes / n;
        var z2 = z * z;
        var centre = (p + z2 / (2 * n)) / (1 + z2 / n);
        var half = z / (1 + z2 / n) * Math.Sqrt(p * (1 - p) / n + z2 / (4 * n * n));
        return new WilsonInterval(p, Math.Max(0, centre - half), Math.Min(1, centre + half));
    }
}
