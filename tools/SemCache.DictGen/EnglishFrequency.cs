namespace SemCache.DictGen;

/// <summary>
/// How common an English word is, from WordNet's tagged-sense counts (cntlist.rev: "lemma%key sense count").
/// Used only to put the usual gloss first ("pequeño": small before diminutive).
/// </summary>
internal sealed class EnglishFrequency
{
    private readonly Dictionary<string, int> _counts = new(StringComparer.Ordinal);

    public EnglishFrequency(string wordNetDirectory)
    {
        var path = Path.Combine(wordNetDirectory, "cntlist.rev");
        foreach (var line in File.ReadLines(path))
        {
            var percent = line.IndexOf('%', StringComparison.Ordinal);
            var space = line.LastIndexOf(' ');
            if (percent <= 0 || space <= percent || !int.TryParse(line.AsSpan(space + 1), out var count))
            {
                continue;
            }

            var lemma = line[..percent].Replace('_', ' ');
            _counts[lemma] = _counts.GetValueOrDefault(lemma) + count;
        }
    }

    /// <summary>Count of the word, or of its singular for a plain English plural ("dogs").</summary>
    public int Of(string word)
    {
        var lower = word.ToLowerInvariant();
        if (_counts.TryGetValue(lower, out var count))
        {
            return count;
        }

        return lower.EndsWith('s') ? _counts.GetValueOrDefault(lower[..^1]) : 0;
    }
}
