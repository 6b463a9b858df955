using SkiaSharp;

namespace SemCache.Origin;

/// <summary>Greedy word wrap measured with a real font; words wider than a line are split by characters.</summary>
internal static class TextWrapper
{
    public static List<string> Wrap(string text, SKFont font, float maxWidth)
    {
        var lines = new List<string>();
        var line = string.Empty;
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = line.Length == 0 ? word : line + " " + word;
            if (font.MeasureText(candidate) <= maxWidth)
            {
                line = candidate;
                continue;
            }

            if (line.Length > 0)
            {
                lines.Add(line);
            }

            line = word;
            while (line.Length > 1 && font.MeasureText(line) > maxWidth)
            {
                var fit = Math.Max(1, (int)font.BreakText(line, maxWidth));
                lines.Add(line[..fit]);
                line = line[fit..];
            }
        }

        if (line.Length > 0)
        {
            lines.Add(line);
        }

        return lines;
    }

    /// <summary>Keeps at most <paramref name="maxLines"/> lines, marking the cut with an ellipsis.</summary>
    public static List<string> Truncate(List<string> lines, int maxLines)
    {
        if (lines.Count <= maxLines)
        {
            return lines;
        }

        var kept = lines.GetRange(0, Math.Max(0, maxLines));
        if (kept.Count > 0)
        {
            var last = kept[^1];
            kept[^1] = (last.Length > 2 ? last[..^2] : last) + "…";
        }

        return kept;
    }
}
