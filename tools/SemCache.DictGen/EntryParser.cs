using System.Text;
using System.Text.RegularExpressions;

namespace SemCache.DictGen;

/// <summary>
/// Reads a FreeDict entry as dictd renders it: the headword line ("gato /ipa/ &lt;n, masc&gt;"), then one line per
/// sense ("1. cat", or "[zool.] dog &lt;n&gt;, dawg &lt;n&gt;"), then notes, quoted examples and cross references.
/// </summary>
internal static partial class EntryParser
{
    /// <summary>Domain labels that still name the everyday thing; any other label (slang, mining, ...) ranks last.</summary>
    private static readonly HashSet<string> PlainDomains = new(StringComparer.Ordinal) { "zool.", "bot.", "cook.", "art", "biol.", "ornith.", "textil.", "geogr." };

    public static IEnumerable<GlossSense> Senses(string entry, int entryOrder)
    {
        var lines = entry.Split('\n');
        if (lines.Length < 2)
        {
            yield break;
        }

        var headPos = Pos(lines[0]);
        var order = 0;
        foreach (var raw in lines.Skip(1))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('"') || line.StartsWith("see:", StringComparison.Ordinal)
                || line.StartsWith("Note", StringComparison.Ordinal) || line.StartsWith("Synonym", StringComparison.Ordinal)
                || line.StartsWith("Antonym", StringComparison.Ordinal) || line.StartsWith("Example", StringComparison.Ordinal))
            {
                continue;
            }

            line = SenseNumber().Replace(line, "");
            // Only a leading label qualifies the whole sense; a trailing one ("feline [formal]") one gloss.
            var label = Label().Match(line);
            var penalty = label.Success && label.Index == 0 && !PlainDomains.Contains(label.Groups[1].Value) ? 3 : 0;

            // Tags and notes may hold commas themselves ("<pron, adj>"): drop them before splitting the glosses.
            var glosses = new List<string>();
            foreach (var part in Bracketed().Replace(line, " ").Split([',', ';']))
            {
                var gloss = Clean(part);
                if (gloss.Length > 0)
                {
                    glosses.Add(gloss);
                }
            }

            if (glosses.Count > 0)
            {
                yield return new GlossSense(headPos, penalty, (entryOrder * 100) + order++, glosses);
            }
        }
    }

    public static string Clean(string text)
    {
        var s = Bracketed().Replace(text, " ");
        s = s.Replace("sb.", " ", StringComparison.Ordinal).Replace("sth.", " ", StringComparison.Ordinal).Replace('\u2010', '-');
        s = Spaces().Replace(s, " ").Trim().Trim('.', ' ', '!', '?', ':').ToLowerInvariant();
        if (s.StartsWith("to ", StringComparison.Ordinal))
        {
            s = s[3..];
        }

        if (s.Length is 0 or > 30 || s.Any(char.IsDigit) || s.Any(c => c is '/' or '{' or '}' or '=' or '"'))
        {
            return "";
        }

        return s.Normalize(NormalizationForm.FormC);
    }

    private static string Pos(string headLine)
    {
        var m = Angle().Match(headLine);
        if (!m.Success)
        {
            return "";
        }

        var tags = m.Groups[1].Value.Split(',', StringSplitOptions.TrimEntries);
        return tags.Contains("n") ? "n" : tags.Contains("adj") ? "adj" : tags.Contains("v") ? "v" : tags.Contains("adv") ? "adv" : "";
    }

    [GeneratedRegex(@"^\d+\.\s*")]
    private static partial Regex SenseNumber();

    [GeneratedRegex(@"\[([^\]]*)\]")]
    private static partial Regex Label();

    [GeneratedRegex(@"<[^>]*>|\[[^\]]*\]|\([^)]*\)")]
    private static partial Regex Bracketed();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"<([^>]*)>")]
    private static partial Regex Angle();
}
