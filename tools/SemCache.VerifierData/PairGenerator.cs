using System.Text;
using SemCache.Matching;

namespace SemCache.VerifierData;

/// <summary>
/// Rewrites benchmark prompts into labelled training pairs. Meaning-preserving (label 1): a WordNet synonym of a
/// content word (first sense), conjuncts reordered, "a" ↔ "the". Meaning-changing (label 0): a noun replaced by a
/// co-hyponym (a sibling under its first hypernym), an adjective by its antonym, one conjunct dropped. Prompts that
/// occur in an excluded pair file (dev-test) are skipped. Deterministic: choices follow a hash of the prompt.
/// </summary>
public sealed class PairGenerator(WordNet wn, IEnumerable<string> excludeFiles)
{
    private readonly HashSet<string> _excluded = LoadExcluded(excludeFiles);

    public int Write(string promptDir, string output, int perPrompt, int every)
    {
        var files = Directory.GetFiles(promptDir, "*.txt", SearchOption.AllDirectories).Order(StringComparer.Ordinal);
        using var w = new StreamWriter(output, false, new UTF8Encoding(false)) { NewLine = "\n" };
        w.WriteLine("a\tb\tlabel\tcategory\tlang\tsource");
        var count = 0;
        foreach (var file in files)
        {
            var name = Path.GetRelativePath(promptDir, file).Replace('\\', '/');
            foreach (var prompt in File.ReadLines(file).Select(l => l.Trim()).Where(l => l.Length > 0).Distinct(StringComparer.Ordinal))
            {
                if (_excluded.Contains(prompt.ToLowerInvariant()) || Hash(prompt) % (uint)every != 0)
                {
                    continue;
                }

                var made = 0;
                foreach (var (b, label, category, rule) in Rewrites(prompt))
                {
                    if (made++ >= perPrompt)
                    {
                        break;
                    }

                    w.WriteLine($"{prompt}\t{b}\t{label}\t{category}\ten\tgen:{name}:rule-{rule}");
                    count++;
                }
            }
        }

        return count;
    }

    private IEnumerable<(string B, int Label, string Category, string Rule)> Rewrites(string prompt)
    {
        var words = prompt.Split(' ');
        var seed = Hash(prompt);
        // Alternate which kinds come first, so both labels are made from every source.
        var rules = new List<Func<string[], uint, (string, int, string, string)?>>
        {
            Synonym, CoHyponym, Reorder, Antonym, DropConjunct, Article,
        };
        var start = (int)(seed % (uint)rules.Count);
        for (var k = 0; k < rules.Count; k++)
        {
            if (rules[(start + k) % rules.Count](words, seed) is { } r && !string.Equals(r.Item1, prompt, StringComparison.Ordinal))
            {
                yield return r;
            }
        }
    }

    /// <summary>
    /// Only words used in one part of speech (noun or adjective, never a verb), and only synonyms whose own first
    /// sense is that synset: "car" → "automobile", not "area" → "country".
    /// </summary>
    private (string, int, string, string)? Synonym(string[] words, uint seed) =>
        Replace(words, seed, 0, w => Parts(w) is 1 or 4
            ? wn.FirstSenses(w, 1).SelectMany(s => wn.Synsets[s].Words.Where(a => wn.FirstSenses(a, 1).Contains(s)))
            : [])
            is { } b ? (b, 1, "synonym", "wordnet-synonym") : null;

    /// <summary>Bit set of the parts of speech a word has: 1 noun, 2 verb, 4 adjective.</summary>
    private int Parts(string word) => wn.Senses.TryGetValue(word, out var senses) ? senses.Aggregate(0, (m, s) => m | (1 << (s & 3))) : 0;

    private (string, int, string, string)? CoHyponym(string[] words, uint seed) =>
        Replace(words, seed, 1, w => (Parts(w) & 5) != 1 ? [] : wn.FirstSenses(w, 1).Where(s => (s & 3) == 0)
            .SelectMany(s => wn.Synsets[s].Hypernyms.Take(1))
            .SelectMany(h => wn.Synsets[h].Hyponyms).SelectMany(s => wn.Synsets[s].Words.Take(1)))
            is { } b ? (b, 0, "object_replace", "wordnet-cohyponym") : null;

    private (string, int, string, string)? Antonym(string[] words, uint seed) =>
        Replace(words, seed, 2, w => (Parts(w) & 1) != 0 ? [] : wn.FirstSenses(w, 1).Where(s => (s & 3) == 2)
            .SelectMany(s => wn.Synsets[s].Antonyms).SelectMany(s => wn.Synsets[s].Words.Take(1)))
            is { } b ? (b, 0, "attribute_replace", "wordnet-antonym") : null;

    private static (string, int, string, string)? Reorder(string[] words, uint seed)
    {
        var (left, right) = Conjuncts(words);
        return left is null ? null : (right + " and " + left, 1, "reorder", "reorder");
    }

    private static (string, int, string, string)? DropConjunct(string[] words, uint seed)
    {
        var (left, right) = Conjuncts(words);
        return left is null ? null : ((seed & 1) == 0 ? left : right!, 0, "add_object", "drop-conjunct");
    }

    private static (string, int, string, string)? Article(string[] words, uint seed)
    {
        var i = Array.FindIndex(words, w => w is "a" or "A" or "the" or "The");
        if (seed % 4 != 0 || i < 0 || i + 1 >= words.Length || "aeiou".Contains(char.ToLowerInvariant(words[i + 1][0]), StringComparison.Ordinal))
        {
            return null;
        }

        var copy = (string[])words.Clone();
        copy[i] = words[i] switch { "a" => "the", "A" => "The", "the" => "a", _ => "A" };
        return (string.Join(' ', copy), 1, "synonym", "article");
    }

    /// <summary>"X and Y" with one "and", no comma, two noun phrases that start with an article or number.</summary>
    private static (string? Left, string? Right) Conjuncts(string[] words)
    {
        var text = string.Join(' ', words).TrimEnd('.');
        var parts = text.Split(" and ");
        if (parts.Length != 2 || text.Contains(',', StringComparison.Ordinal))
        {
            return (null, null);
        }

        var starts = new[] { "a ", "an ", "the ", "two ", "three ", "one " };
        var r = parts[1];
        if (!starts.Any(s => r.StartsWith(s, StringComparison.Ordinal)) || r.Split(' ').Length > 4 || parts[0].Split(' ').Length > 5)
        {
            return (null, null);
        }

        var l = parts[0];
        return (char.ToLowerInvariant(l[0]) + l[1..], r);
    }

    /// <summary>Replaces one content word (chosen by the seed) with the first alternative whose lemma differs.</summary>
    private static string? Replace(string[] words, uint seed, int salt, Func<string, IEnumerable<string>> alternatives)
    {
        var n = words.Length;
        for (var k = 0; k < n; k++)
        {
            var i = (int)((seed + (uint)(salt * 7) + (uint)k) % (uint)n);
            var raw = words[i];
            var word = raw.TrimEnd('.', ',', '!', '?').ToLowerInvariant();
            if (word.Length < 3 || !word.All(char.IsAsciiLetterLower))
            {
                continue;
            }

            var key = Key(word);
            if (key is null)
            {
                continue;
            }

            var options = alternatives(word).Where(a => a.All(char.IsAsciiLetterLower) && a != word)
                .Distinct(StringComparer.Ordinal).Where(a => Key(a) is { } ak && ak != key).ToList();
            if (options.Count == 0)
            {
                continue;
            }

            var copy = (string[])words.Clone();
            copy[i] = options[(int)(seed % (uint)options.Count)] + raw[word.Length..];
            return string.Join(' ', copy);
        }

        return null;
    }

    private static string? Key(string word)
    {
        var content = PromptAnalysis.Analyze(word).Content;
        return content.Length == 1 ? content[0] : null;
    }

    private static uint Hash(string s)
    {
        var h = 2166136261u;
        foreach (var ch in s)
        {
            h = (h ^ ch) * 16777619u;
        }

        return h;
    }

    private static HashSet<string> LoadExcluded(IEnumerable<string> files)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            foreach (var line in File.ReadLines(file).Skip(1))
            {
                var f = line.Split('\t');
                set.Add(f[0].Trim().ToLowerInvariant());
                set.Add(f[1].Trim().ToLowerInvariant());
            }
        }

        return set;
    }
}
