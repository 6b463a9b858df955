using System.Globalization;
using System.Text;

namespace SemCache.Evaluation;

/// <summary>Plain-text rendering of an <see cref="EvalReport"/> (overall, per category, per language).</summary>
public static class EvalTable
{
    public static string Render(EvalReport report)
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"threshold {report.Threshold:0.000}: {report.Pairs} pairs ({report.Positives} positive, {report.Negatives} negative)");
        sb.AppendLine();
        sb.Append(CultureInfo.InvariantCulture, $"recall {Pct(report.Recall)}  false-hit rate {Pct(report.FalseHitRate)}  precision {Pct(report.Precision)}");
        sb.AppendLine();
        Section(sb, "category", report.ByCategory);
        Section(sb, "lang", report.ByLang);
        return sb.ToString();
    }

    /// <summary>Percentage with one decimal, or "-" when undefined.</summary>
    public static string Pct(double? rate) => rate is { } r ? (r * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%" : "-";

    private static void Section(StringBuilder sb, string title, IReadOnlyDictionary<string, EvalGroup> groups)
    {
        var width = Math.Max(title.Length, groups.Keys.DefaultIfEmpty("").Max(k => k.Length));
        sb.AppendLine();
        sb.Append(title.PadRight(width)).Append("  ").Append("pairs".PadLeft(6)).Append("  ").Append("recall".PadLeft(7))
            .Append("  ").AppendLine("false hits".PadLeft(10));
        foreach (var (name, g) in groups)
        {
            sb.Append(name.PadRight(width)).Append("  ")
                .Append(g.Pairs.ToString(CultureInfo.InvariantCulture).PadLeft(6)).Append("  ")
                .Append(Pct(g.Recall).PadLeft(7)).Append("  ")
                .AppendLine(Pct(g.FalseHitRate).PadLeft(10));
        }
    }
}
