using System.Text;
using System.Text.RegularExpressions;

namespace SemCache.DictGen;

/// <summary>
/// Reads a FreeDict entry as dictd renders it: the headword line ("gato /ipa/ &lt;n, masc&gt;"), then one line per
/// sense ("1. cat", or "[zool.] dog &lt;n&gt;, dawg &lt;n&gt;"), then notes, quoted examples and cross references.
/// </summary>
internal static partial class EntryParser
{
    /// <summary>Domain labels that still name the everyday thing; their senses count in full.</summary>
    private static readonly HashSet<string> PlainDomains = new(StringComparer.Ordinal) { "zool.", "bot.", "cook.", "art", "biol.", "ornith.", "textil.", "geogr." };

    /// <summary>
    /// Labels of register, region or age (FreeDict deu-eng's own label list: colloquial, Austrian, elevated,
    /// figurative, dated, rare, slang, ...): such a sense is not the word's everyday meaning and ranks last. Any other
    /// leading label names a field (finance, mathematics, ...): the sense is right within it and counts half.
    /// </summary>
    private static readonly HashSet<string> UsageLabels = new(StringComparer.Ordinal)
    {
        "ugs.", "coll.", "slang", "vulg.", "pej.", "humor.", "übtr.", "fig.", "geh.", "poet.", "lit.", "selten", "rare",
        "alt", "veraltet", "veraltend", "altertümlich", "obs.", "old", "Sprw.", "stud.", "Jägersprache",
        "Ös.", "Schw.", "Bayr.", "Norddt.", "Süddt.", "Mitteldt.", "Westdt.", "Ostdt.", "BW", "Br.", "Am.", "Austr.", "Sc.", "Ir.",
    };

    /// <summary>
    /// The senses of one entry, each weighted by the lexicographers' own evidence of use: one, plus one per quoted
    /// example and one for cross references, divided by the sense's number within the entry (FreeDict's numbered
    /// senses put the usual one first). A combining form ("Geld…": monetary, only in compounds) or a usage label
    /// ranks last; a field label halves the weight.
    /// </summary>
    public static IEnumerable<GlossSense> Senses(string entry, int entryOrder)
    {
        var lines = entry.Split('\n');
        if (lines.Length < 2)
        {
            return [];
        }

        var headPos = Pos(lines[0]);
        var combining = CombiningForm().IsMatch(lines[0]);
        var senses = new List<GlossSense>();
        var order = 0;
        foreach (var raw in lines.Skip(1))
        {
            var line = raw.Trim();
            if (senses.Count > 0 && (line.StartsWith('"') || line.StartsWith("see:", StringComparison.Ordinal)))
            {
                // Evidence for the sense above it.
                senses[^1] = senses[^1] with { Weight = senses[^1].Weight + senses[^1].Scale };
                continue;
            }

            if (line.Length == 0 || line.StartsWith('"') || line.StartsWith("see:", StringComparison.Ordinal)
                || line.StartsWith("Note", StringComparison.Ordinal) || line.StartsWith("Synonym", StringComparison.Ordinal)
                || line.StartsWith("Antonym", StringComparison.Ordinal) || line.StartsWith("Example", StringComparison.Ordinal))
            {
                continue;
            }

            line = SenseNumber().Replace(line, "");
            // Only a leading label qualifies the whole sense; a trailing one ("feline [formal]") one gloss.
            var label = Label().Match(line);
            var leading = label.Success && label.Index == 0 ? label.Groups[1].Value : null;
            var penalty = combining || (leading is not null && UsageLabels.Contains(leading)) ? 3 : 0;
            var scale = leading is null || PlainDomains.Contains(leading) ? 1.0 : 0.5;

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
                var rank = 1.0 + order;
                senses.Add(new GlossSense(headPos, penalty, (entryOrder * 100) + order++, glosses) { Weight = scale / rank, Scale = scale / rank });
            }
        }

        return senses;
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

    /// <summary>n, adj, v, adv or empty, from the head line's angle-bracketed tags ("Stuhl /ʃtuːl/ &lt;n, masc&gt;").</summary>
    public static string Pos(string headLine)
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

    /// <summary>A headword written as the first part of compounds: "Geld… /ɡˈɛlt/".</summary>
    [GeneratedRegex(@"^\S+(…|\.\.\.)(\s|$)")]
    private static partial Regex CombiningForm();

    [GeneratedRegex(@"<([^>]*)>")]
    private static partial Regex Angle();
}
