namespace SemCache.VerifierData;

/// <summary>
/// The WordNet 3.0 database files (Debian wordnet-base, /usr/share/wordnet; format in wndb(5)): senses of each
/// lemma in index order and the pointers of each synset. Synset ids are offset * 4 + part of speech.
/// </summary>
public sealed class WordNet
{
    private static readonly string[] Parts = ["noun", "verb", "adj"];

    public Dictionary<string, List<int>> Senses { get; } = new(StringComparer.Ordinal);

    public Dictionary<int, Synset> Synsets { get; } = [];

    public static WordNet Load(string dir)
    {
        var wn = new WordNet();
        for (var p = 0; p < Parts.Length; p++)
        {
            foreach (var line in File.ReadLines(Path.Combine(dir, "data." + Parts[p])))
            {
                if (line.StartsWith("  ", StringComparison.Ordinal))
                {
                    continue; // licence header
                }

                var synset = Synset.Parse(line);
                wn.Synsets[synset.Id] = synset;
            }

            foreach (var line in File.ReadLines(Path.Combine(dir, "index." + Parts[p])))
            {
                if (line.StartsWith("  ", StringComparison.Ordinal))
                {
                    continue;
                }

                // lemma pos synset_cnt p_cnt [ptr_symbol...] sense_cnt tagsense_cnt synset_offset...
                var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                var pointerCount = int.Parse(f[3], System.Globalization.CultureInfo.InvariantCulture);
                var first = 4 + pointerCount + 2;
                if (!wn.Senses.TryGetValue(f[0], out var senses))
                {
                    wn.Senses[f[0]] = senses = [];
                }

                for (var i = first; i < f.Length; i++)
                {
                    senses.Add(Synset.MakeId(f[i], p));
                }
            }
        }

        return wn;
    }

    /// <summary>The first <paramref name="count"/> senses of a lemma in each part of speech.</summary>
    public IEnumerable<int> FirstSenses(string lemma, int count)
    {
        if (!Senses.TryGetValue(lemma, out var senses))
        {
            yield break;
        }

        var perPart = new int[3];
        foreach (var id in senses)
        {
            if (perPart[id & 3]++ < count)
            {
                yield return id;
            }
        }
    }

    /// <summary>Hypernyms (and instance hypernyms) up to <paramref name="depth"/> levels up.</summary>
    public HashSet<int> Ancestors(int id, int depth)
    {
        var result = new HashSet<int>();
        var frontier = new List<int> { id };
        for (var d = 0; d < depth && frontier.Count > 0; d++)
        {
            var next = new List<int>();
            foreach (var s in frontier)
            {
                if (Synsets.TryGetValue(s, out var synset))
                {
                    foreach (var h in synset.Hypernyms)
                    {
                        if (result.Add(h))
                        {
                            next.Add(h);
                        }
                    }
                }
            }

            frontier = next;
        }

        return result;
    }
}

/// <summary>One synset: its words and the pointers the verifier uses.</summary>
public sealed class Synset
{
    public int Id { get; private init; }

    public List<string> Words { get; } = [];

    public List<int> Hypernyms { get; } = [];

    public List<int> Hyponyms { get; } = [];

    public List<int> Antonyms { get; } = [];

    public List<int> Similar { get; } = [];

    public List<int> Derived { get; } = [];

    public static int MakeId(string offset, int part) => (int.Parse(offset, System.Globalization.CultureInfo.InvariantCulture) * 4) + part;

    private static int Part(string pos) => pos switch { "n" => 0, "v" => 1, _ => 2 };

    public static Synset Parse(string line)
    {
        // offset lex_filenum ss_type w_cnt(hex) word lex_id ... p_cnt [ptr offset pos src/tgt]... | gloss
        var f = line.Split(" | ", 2)[0].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var s = new Synset { Id = MakeId(f[0], Part(f[2])) };
        var words = Convert.ToInt32(f[3], 16);
        var i = 4;
        for (var w = 0; w < words; w++, i += 2)
        {
            var word = f[i];
            var paren = word.IndexOf('(', StringComparison.Ordinal);
            s.Words.Add((paren > 0 ? word[..paren] : word).ToLowerInvariant());
        }

        var pointers = int.Parse(f[i++], System.Globalization.CultureInfo.InvariantCulture);
        for (var p = 0; p < pointers; p++, i += 4)
        {
            var target = MakeId(f[i + 1], Part(f[i + 2]));
            var list = f[i] switch
            {
                "@" or "@i" => s.Hypernyms,
                "~" or "~i" => s.Hyponyms,
                "!" => s.Antonyms,
                "&" => s.Similar,
                "+" => s.Derived,
                _ => null,
            };
            list?.Add(target);
        }

        return s;
    }
}
