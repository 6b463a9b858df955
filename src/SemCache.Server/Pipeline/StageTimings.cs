using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace SemCache.Server.Pipeline;

/// <summary>
/// Where one request spent its time, part by part, for the <c>Server-Timing</c> header. A part that did not run
/// stays null and is left out of the header, so an exact hit names only what it did.
/// </summary>
public sealed class StageTimings
{
    /// <summary>Reading the exact entry and the image from the store (and the pending writes).</summary>
    public double? Store { get; set; }

    public double? Embed { get; set; }

    public double? Search { get; set; }

    /// <summary>Profiling the prompt and judging the candidates (guards, threshold).</summary>
    public double? Decide { get; set; }

    /// <summary>Adds the time since <paramref name="started"/> (a <see cref="Stopwatch"/> timestamp) to the store part.</summary>
    public void AddStore(long started) => Store = (Store ?? 0) + Stopwatch.GetElapsedTime(started).TotalMilliseconds;

    /// <summary>The header value, parts in the order a request passes them, then origin and total.</summary>
    public static string Format(StageTimings? timings, double? origin, double total)
    {
        var text = new StringBuilder(96);
        Append(text, "store", timings?.Store);
        Append(text, "embed", timings?.Embed);
        Append(text, "search", timings?.Search);
        Append(text, "decide", timings?.Decide);
        Append(text, "origin", origin);
        Append(text, "total", total);
        return text.ToString();
    }

    private static void Append(StringBuilder text, string name, double? milliseconds)
    {
        if (milliseconds is not { } ms)
        {
            return;
        }

        if (text.Length > 0)
        {
            text.Append(", ");
        }

        text.Append(name).Append(";dur=").Append(ms.ToString("0.###", CultureInfo.InvariantCulture));
    }
}
