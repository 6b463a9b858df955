using System.Text.RegularExpressions;

namespace SemCache.DictGen;

/// <summary>
/// German glosses by way of a third language: FreeDict's Wiktionary-derived German–Spanish and German–French
/// dictionaries (WikDict), read through the Spanish and French glosses generated first. FreeDict's German–English
/// dictionary has no "say" for "sagen", no "like" for "mögen" and no "hear" for "hören"; both pivots have them, and a
/// gloss two pivots agree on is rarely wrong. An entry is the head line, then numbered translation lines ("1. ir,
/// andar, caminar", usual sense first), each followed by a German definition line and by indented sub-sense
/// markers (" 3.") with their own definition lines.
/// </summary>
internal static partial class PivotSenses
{
    /// <summary>
    /// Senses keyed as <paramref name="key"/> names the headword (given the index's headword and the entry), each gloss weighted 1/sense × 1/position of the
    /// pivot word × 1/rank of the gloss among the pivot word's own glosses.
    /// </summary>
    public static IEnumerable<(string Key, GlossSense Sense)> Read(DictdFile dictionary, IReadOnlyDictionary<string, IReadOnlyList<string>> pivotGlosses, Func<string, string, string?> key)
    {
        foreach (var (headword, offset, length) in dictionary.Index)
        {
            var entry = dictionary.Entry(offset, length);
            if (key(headword, entry) is not { } word)
            {
                continue;
            }

            var lines = entry.Split('\n');
            var pos = EntryParser.Pos(lines[0]);
            for (var i = 1; i < lines.Length; i++)
            {
                var line = lines[i];
                var numbered = SenseLine().Match(line);
                var sense = numbered.Success ? int.Parse(numbered.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : i == 1 && line.Length > 0 && line[0] != ' ' ? 1 : 0;
                if (sense == 0)
                {
                    continue; // a definition or a sub-sense marker
                }

                var text = TrailingMarker().Replace(numbered.Success ? numbered.Groups[2].Value : line, "");
                var words = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
                for (var p = 0; p < words.Length; p++)
                {
                    if (!pivotGlosses.TryGetValue(words[p].ToLowerInvariant(), out var glosses))
                    {
                        continue;
                    }

                    for (var r = 0; r < glosses.Count; r++)
                    {
                        var weight = 1.0 / sense / (1 + p) / (1 + r);
                        yield return (word, new GlossSense(pos, 0, int.MaxValue - 1, [glosses[r]]) { Weight = weight, Scale = weight, Source = dictionary.Name });
                    }
                }
            }
        }
    }

    [GeneratedRegex(@"^(\d+)\.\s+(\S.*)$")]
    private static partial Regex SenseLine();

    [GeneratedRegex(@"\s+\d+\.\s*$")]
    private static partial Regex TrailingMarker();
}
