using System.IO.Compression;
using System.Text;
using SemCache.Matching;

namespace SemCache.VerifierData;

/// <summary>
/// Writes word-relations.tsv.gz: for every single-word WordNet lemma, the analyser's lemma key and its first senses
/// ("L key ids"), and for every synset reachable from them by hypernyms, its parents, antonyms, similar-to and
/// derivation links ("S id parents antonyms similar derived"). Keys come from <see cref="PromptAnalysis"/>, so the
/// file must be rebuilt when the analyser's lemmas change.
/// </summary>
public static class RelationsBuilder
{
    public static (int Lemmas, int Synsets) Build(WordNet wn, string output, int sensesPerPart)
    {
        var keys = new SortedDictionary<string, SortedSet<int>>(StringComparer.Ordinal);
        foreach (var lemma in wn.Senses.Keys)
        {
            if (!lemma.All(char.IsAsciiLetterLower))
            {
                continue; // multi-word (underscores), hyphenated, digits
            }

            var content = PromptAnalysis.Analyze(lemma).Content;
            if (content.Length != 1)
            {
                continue; // a colour, number, spatial or function word: not compared as content
            }

            if (!keys.TryGetValue(content[0], out var set))
            {
                keys[content[0]] = set = [];
            }

            set.UnionWith(wn.FirstSenses(lemma, sensesPerPart));
        }

        // Every synset a lookup can reach: senses, their hypernym closure, and link targets.
        var needed = new SortedSet<int>();
        var stack = new Stack<int>(keys.Values.SelectMany(s => s));
        while (stack.Count > 0)
        {
            var id = stack.Pop();
            if (!needed.Add(id) || !wn.Synsets.TryGetValue(id, out var s))
            {
                continue;
            }

            foreach (var h in s.Hypernyms)
            {
                stack.Push(h);
            }
        }

        using var file = File.Create(output);
        using var gz = new GZipStream(file, CompressionLevel.SmallestSize);
        using var w = new StreamWriter(gz, new UTF8Encoding(false)) { NewLine = "\n" };
        w.WriteLine("# WordNet 3.0 (Princeton University; licence in datasets/LICENSES/wordnet.txt) via tools/SemCache.VerifierData");
        foreach (var (key, ids) in keys)
        {
            w.WriteLine($"L\t{key}\t{string.Join(',', ids)}");
        }

        foreach (var id in needed)
        {
            if (wn.Synsets.TryGetValue(id, out var s))
            {
                w.WriteLine($"S\t{id}\t{Join(s.Hypernyms)}\t{Join(s.Antonyms)}\t{Join(s.Similar)}\t{Join(s.Derived)}");
            }
        }

        return (keys.Count, needed.Count);
    }

    private static string Join(List<int> ids) => string.Join(',', ids.Distinct().Order());
}
