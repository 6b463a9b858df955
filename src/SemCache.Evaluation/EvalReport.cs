using System.Text.Json.Serialization;

namespace SemCache.Evaluation;

/// <summary>
/// Evaluation result; its JSON form (System.Text.Json) has exactly the fields threshold, pairs, positives, negatives,
/// recall, false_hit_rate, precision, by_category, by_lang. Recall is over positives, the false-hit rate over
/// negatives, precision over served pairs; each is null when its denominator is zero.
/// </summary>
public sealed record EvalReport(
    [property: JsonPropertyName("threshold")] float Threshold,
    [property: JsonPropertyName("pairs")] int Pairs,
    [property: JsonPropertyName("positives")] int Positives,
    [property: JsonPropertyName("negatives")] int Negatives,
    [property: JsonPropertyName("recall")] double? Recall,
    [property: JsonPropertyName("false_hit_rate")] double? FalseHitRate,
    [property: JsonPropertyName("precision")] double? Precision,
    [property: JsonPropertyName("by_category")] IReadOnlyDictionary<string, EvalGroup> ByCategory,
    [property: JsonPropertyName("by_lang")] IReadOnlyDictionary<string, EvalGroup> ByLang)
{
    /// <summary>Builds a report from pairs and whether each was served.</summary>
    public static EvalReport Build(float threshold, IEnumerable<(LabelledPair Pair, bool Served)> outcomes)
    {
        var all = new EvalTally();
        var byCategory = new SortedDictionary<string, EvalTally>(StringComparer.Ordinal);
        var byLang = new SortedDictionary<string, EvalTally>(StringComparer.Ordinal);
        foreach (var (pair, served) in outcomes)
        {
            all.Add(pair.IsPositive, served);
            Get(byCategory, pair.Category).Add(pair.IsPositive, served);
            Get(byLang, pair.Lang).Add(pair.IsPositive, served);
        }

        var servedTotal = all.TruePositives + all.FalseHits;
        return new EvalReport(
            threshold, all.Pairs, all.Positives, all.Negatives, all.Recall, all.FalseHitRate,
            servedTotal == 0 ? null : (double)all.TruePositives / servedTotal,
            Groups(byCategory), Groups(byLang));
    }

    private static EvalTally Get(SortedDictionary<string, EvalTally> map, string key)
    {
        if (!map.TryGetValue(key, out var tally))
        {
            map[key] = tally = new EvalTally();
        }

        return tally;
    }

    private static SortedDictionary<string, EvalGroup> Groups(SortedDictionary<string, EvalTally> tallies)
    {
        var groups = new SortedDictionary<string, EvalGroup>(StringComparer.Ordinal);
        foreach (var (key, t) in tallies)
        {
            groups[key] = new EvalGroup(t.Pairs, t.Recall, t.FalseHitRate);
        }

        return groups;
    }
}
