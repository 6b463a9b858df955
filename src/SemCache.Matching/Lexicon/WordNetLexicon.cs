using System.Collections.Frozen;
using System.IO.Compression;

namespace SemCache.Matching.Lexicon;

/// <summary>
/// Word knowledge from WordNet 3.0 (synsets, similar-to clusters, hypernyms, antonyms, derivations and irregular
/// forms), loaded from the compact file that tools/SemCache.WordNetGen writes and this assembly embeds. Immutable and
/// thread-safe after loading; <see cref="Shared"/> loads it once per process (about 0.3 s, 40 MB).
/// </summary>
public sealed class WordNetLexicon
{
    private const string ResourceName = "SemCache.Matching.Lexicon.Data.wordnet.tsv.gz";
    private static readonly Lazy<WordNetLexicon> Lazy = new(() => Load(SensePolicy.Default));
    private static readonly char[] PosCodes = ['n', 'v', 'a', 'r'];

    private readonly FrozenDictionary<string, Sense[]>[] _lemmas;
    private readonly FrozenDictionary<string, string[]>[] _exceptions;
    private readonly int[][] _hypernyms;
    private readonly int[][] _similar;
    private readonly int[][] _antonyms;
    private readonly int[][] _derived;
    private readonly bool[] _attribute;
    private readonly int[] _depth;

    private WordNetLexicon(
        SensePolicy policy,
        FrozenDictionary<string, Sense[]>[] lemmas,
        FrozenDictionary<string, string[]>[] exceptions,
        int[][] hypernyms,
        int[][] similar,
        int[][] antonyms,
        int[][] derived,
        bool[] attribute)
    {
        Policy = policy;
        _lemmas = lemmas;
        _exceptions = exceptions;
        _hypernyms = hypernyms;
        _similar = similar;
        _antonyms = antonyms;
        _derived = derived;
        _attribute = attribute;
        _depth = new int[hypernyms.Length];
        Array.Fill(_depth, -1);
    }

    public static WordNetLexicon Shared => Lazy.Value;

    public SensePolicy Policy { get; }

    /// <summary>The same data read with another sense policy (for measurement; shares nothing mutable).</summary>
    public WordNetLexicon With(SensePolicy policy) =>
        new(policy, _lemmas, _exceptions, _hypernyms, _similar, _antonyms, _derived, _attribute);

    /// <summary>Whether WordNet knows the word (any part of speech, after removing inflections).</summary>
    public bool Knows(string word)
    {
        for (var pos = 0; pos < PosCodes.Length; pos++)
        {
            foreach (var _ in BaseForms(word, pos))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether the word can be a noun and nothing else WordNet knows ("cat" is also a verb).</summary>
    public bool IsOnly(string word, char pos)
    {
        var wanted = Array.IndexOf(PosCodes, pos);
        var found = false;
        for (var p = 0; p < PosCodes.Length; p++)
        {
            var has = BaseForms(word, p).Any();
            if (has && p != wanted)
            {
                return false;
            }

            found |= has && p == wanted;
        }

        return found;
    }

    /// <summary>
    /// Whether the word is most likely an adjective: WordNet knows it as one, and its adjective senses were tagged at
    /// least as often as its noun and verb senses ("dim", "red", "short" yes; "light", "orange fish" no).
    /// </summary>
    public bool IsAdjective(string word)
    {
        var adjective = Weight(word, 2) + Weight(word, 3);
        return adjective > 0 && adjective >= Weight(word, 0) && adjective >= Weight(word, 1);
    }

    /// <summary>Whether the word is most likely a noun (its noun senses tagged at least as often as any other).</summary>
    public bool IsNoun(string word)
    {
        var noun = Weight(word, 0);
        return noun > 0 && noun >= Weight(word, 1) && noun >= Weight(word, 2);
    }

    /// <summary>The verb a past form stands for ("bitten" → "bite", "opened" → "open"), or null.</summary>
    public string? PastVerb(string word)
    {
        if (!(word.EndsWith("ed", StringComparison.Ordinal) || word.EndsWith("en", StringComparison.Ordinal) || _exceptions[1].ContainsKey(word)))
        {
            return null;
        }

        foreach (var b in BaseForms(word, 1))
        {
            if (!string.Equals(b, word, StringComparison.Ordinal))
            {
                return b;
            }
        }

        return null;
    }

    /// <summary>Base form of an irregular verb form that is no word of its own ("held" → "hold"; "saw" stays).</summary>
    public string? IrregularVerb(string word)
    {
        if (!_exceptions[1].TryGetValue(word, out var bases))
        {
            return null;
        }

        for (var pos = 0; pos < PosCodes.Length; pos++)
        {
            if (_lemmas[pos].ContainsKey(word))
            {
                return null;
            }
        }

        return bases[0];
    }

    /// <summary>Singular of an irregular plural from WordNet's exception list ("mice" → "mouse", "children" → "child").</summary>
    public string? IrregularNoun(string word) =>
        _exceptions[0].TryGetValue(word, out var bases) ? bases[0] : null;

    /// <summary>Tagged occurrences of the word's senses in one part of speech, plus one when it has any.</summary>
    private int Weight(string word, int pos)
    {
        var weight = 0;
        foreach (var b in BaseForms(word, pos))
        {
            weight = Math.Max(weight, 1);
            foreach (var s in _lemmas[pos][b])
            {
                weight += s.Count;
            }
        }

        return weight;
    }

    /// <summary>How the query word relates to the candidate word (lower-case surface forms), strongest relation first.</summary>
    public WordRelation Relate(string queryWord, string candidateWord)
    {
        if (string.Equals(queryWord, candidateWord, StringComparison.Ordinal))
        {
            return WordRelation.SameLemma;
        }

        var best = WordRelation.None;
        var queryAll = new List<(int Pos, int Synset)>(8);
        var candidateAll = new List<(int Pos, int Synset)>(8);
        for (var pos = 0; pos < PosCodes.Length; pos++)
        {
            var qBases = BaseForms(queryWord, pos).ToArray();
            var cBases = BaseForms(candidateWord, pos).ToArray();
            if (qBases.Intersect(cBases, StringComparer.Ordinal).Any())
            {
                return WordRelation.SameLemma;
            }

            var q = Senses(qBases, pos);
            var c = Senses(cBases, pos);
            foreach (var s in q)
            {
                queryAll.Add((pos, s));
            }

            foreach (var s in c)
            {
                candidateAll.Add((pos, s));
            }

            foreach (var sq in q)
            {
                foreach (var sc in c)
                {
                    best = Stronger(best, SamePos(pos, sq, sc));
                }
            }
        }

        if (best is WordRelation.None or WordRelation.Hyponym or WordRelation.CoHyponym)
        {
            foreach (var (_, sq) in queryAll)
            {
                foreach (var (_, sc) in candidateAll)
                {
                    if (Array.IndexOf(_derived[sq], sc) >= 0 || Array.IndexOf(_derived[sc], sq) >= 0)
                    {
                        best = Stronger(best, WordRelation.Derivation);
                    }
                }
            }
        }

        return best;
    }

    /// <summary>
    /// Whether two nouns name different things of one kind ("bird" / "fish": vertebrates; "car" / "bicycle": wheeled
    /// vehicles; "table" / "bed"): their usual senses meet at a common hypernym at most <paramref name="maxSteps"/>
    /// steps above each that is at least <paramref name="minDepth"/> deep (below "object", "artifact", "organism"),
    /// and no sense makes one a synonym, hypernym or derivation of the other. "Sister terms" under one direct
    /// hypernym are the one-step case of this.
    /// </summary>
    public bool SameKind(string a, string b, int maxSteps = 3, int minDepth = 6)
    {
        var noun = Array.IndexOf(PosCodes, 'n');
        var sa = Senses([.. BaseForms(a, noun)], noun);
        var sb = Senses([.. BaseForms(b, noun)], noun);
        if (sa.Count == 0 || sb.Count == 0 || Relate(a, b) is not (WordRelation.None or WordRelation.CoHyponym or WordRelation.Antonym))
        {
            return false;
        }

        var above = Ancestors(sa, maxSteps);
        foreach (var shared in Ancestors(sb, maxSteps))
        {
            if (above.Contains(shared) && Depth(shared) >= minDepth)
            {
                return true;
            }
        }

        return false;
    }

    private HashSet<int> Ancestors(List<int> senses, int maxSteps)
    {
        var found = new HashSet<int>(senses);
        var frontier = new List<int>(senses);
        for (var step = 0; step < maxSteps && frontier.Count > 0; step++)
        {
            var next = new List<int>();
            foreach (var s in frontier)
            {
                foreach (var parent in _hypernyms[s])
                {
                    if (found.Add(parent))
                    {
                        next.Add(parent);
                    }
                }
            }

            frontier = next;
        }

        return found;
    }

    private WordRelation SamePos(int pos, int sq, int sc)
    {
        if (sq == sc)
        {
            return WordRelation.Synonym;
        }

        if (PosCodes[pos] == 'a' && (Array.IndexOf(_similar[sq], sc) >= 0 || Array.IndexOf(_similar[sc], sq) >= 0 || SharesScale(sq, sc)))
        {
            return WordRelation.SimilarTo;
        }

        if (Array.IndexOf(_antonyms[sq], sc) >= 0 || Array.IndexOf(_antonyms[sc], sq) >= 0)
        {
            return WordRelation.Antonym;
        }

        if (PosCodes[pos] == 'n' || (PosCodes[pos] == 'v' && Policy.VerbHypernyms))
        {
            if (IsAncestor(sq, sc) && Depth(sq) >= Policy.MinGeneralDepth)
            {
                return WordRelation.Hypernym;
            }

            if (IsAncestor(sc, sq))
            {
                return WordRelation.Hyponym;
            }
        }

        return Shares(_hypernyms[sq], _hypernyms[sc]) ? WordRelation.CoHyponym : WordRelation.None;
    }

    /// <summary>Order of preference when several sense pairs relate differently: a link that allows serving wins.</summary>
    private static WordRelation Stronger(WordRelation a, WordRelation b) => Rank(b) > Rank(a) ? b : a;

    private static int Rank(WordRelation r) => r switch
    {
        WordRelation.SameLemma => 8,
        WordRelation.Synonym => 7,
        WordRelation.SimilarTo => 6,
        WordRelation.Hypernym => 5,
        WordRelation.Derivation => 4,
        WordRelation.Hyponym => 3,
        WordRelation.Antonym => 2,
        WordRelation.CoHyponym => 1,
        _ => 0,
    };

    private bool IsAncestor(int general, int specific)
    {
        // Breadth-first up the hypernym graph (several parents are possible), bounded by the step limit.
        Span<int> frontier = stackalloc int[64];
        Span<int> next = stackalloc int[64];
        frontier[0] = specific;
        var count = 1;
        for (var step = 0; step < Policy.MaxHypernymSteps && count > 0; step++)
        {
            var n = 0;
            for (var i = 0; i < count; i++)
            {
                foreach (var parent in _hypernyms[frontier[i]])
                {
                    if (parent == general)
                    {
                        return true;
                    }

                    if (n < next.Length)
                    {
                        next[n++] = parent;
                    }
                }
            }

            next[..n].CopyTo(frontier);
            count = n;
        }

        return false;
    }

    /// <summary>
    /// Longest number of hypernym steps to a root: "person" is 6 deep through "organism", though "causal agent" gives
    /// a shortcut of 3; the longest path says how specific a word is.
    /// </summary>
    private int Depth(int synset)
    {
        var known = Volatile.Read(ref _depth[synset]);
        if (known >= 0)
        {
            return known;
        }

        var parents = _hypernyms[synset];
        var depth = 0;
        if (parents.Length > 0)
        {
            foreach (var p in parents)
            {
                depth = Math.Max(depth, Depth(p) + 1);
            }
        }

        Volatile.Write(ref _depth[synset], depth);
        return depth;
    }

    /// <summary>
    /// Two satellites of one head adjective are alike only when the head is a value of an attribute: "tiny" and
    /// "minuscule" are degrees of "small" (size), but "fried" and "boiled" are kinds of "cooked", not degrees.
    /// </summary>
    private bool SharesScale(int a, int b)
    {
        foreach (var head in _similar[a])
        {
            if (_attribute[head] && Array.IndexOf(_similar[b], head) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    private static bool Shares(int[] a, int[] b)
    {
        foreach (var x in a)
        {
            if (Array.IndexOf(b, x) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    private List<int> Senses(string[] bases, int pos)
    {
        var result = new List<int>(4);
        foreach (var b in bases)
        {
            var senses = _lemmas[pos][b];
            var total = 0;
            foreach (var s in senses)
            {
                total += s.Count;
            }

            for (var i = 0; i < senses.Length && i < Policy.MaxSenses; i++)
            {
                var keep = total == 0 || i == 0 || senses[i].Count >= Policy.MinTaggedShare * total;
                if (keep && !result.Contains(senses[i].Synset))
                {
                    result.Add(senses[i].Synset);
                }
            }
        }

        return result;
    }

    /// <summary>WordNet's morphy: irregular forms from the exception lists, the word itself, then regular endings.</summary>
    private IEnumerable<string> BaseForms(string word, int pos)
    {
        var lemmas = _lemmas[pos];
        var seen = 0;
        if (_exceptions[pos].TryGetValue(word, out var irregular))
        {
            foreach (var b in irregular)
            {
                if (lemmas.ContainsKey(b))
                {
                    seen++;
                    yield return b;
                }
            }
        }

        if (lemmas.ContainsKey(word))
        {
            seen++;
            yield return word;
        }

        if (seen > 0)
        {
            yield break;
        }

        foreach (var (suffix, ending) in Detachments[pos])
        {
            if (word.Length > suffix.Length + 1 && word.EndsWith(suffix, StringComparison.Ordinal))
            {
                var stem = word[..^suffix.Length] + ending;
                if (lemmas.ContainsKey(stem))
                {
                    yield return stem;
                    yield break;
                }

                // "running" → "runn" → "run": WordNet's rules leave the doubled consonant to the exception list.
                if (ending.Length == 0 && stem.Length > 2 && stem[^1] == stem[^2] && lemmas.ContainsKey(stem[..^1]))
                {
                    yield return stem[..^1];
                    yield break;
                }
            }
        }
    }

    private static readonly (string Suffix, string Ending)[][] Detachments =
    [
        [("ses", "s"), ("xes", "x"), ("zes", "z"), ("ches", "ch"), ("shes", "sh"), ("men", "man"), ("ies", "y"), ("s", "")],
        [("ies", "y"), ("es", "e"), ("es", ""), ("ed", "e"), ("ed", ""), ("ing", "e"), ("ing", ""), ("s", "")],
        [("est", "e"), ("est", ""), ("er", "e"), ("er", "")],
        [],
    ];

    private readonly record struct Sense(int Synset, int Count);

    public static WordNetLexicon Load(SensePolicy policy)
    {
        using var stream = typeof(WordNetLexicon).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded resource {ResourceName} is missing from {typeof(WordNetLexicon).Assembly.GetName().Name}.");
        return Read(stream, policy);
    }

    /// <summary>Reads the generator's format (see tools/SemCache.WordNetGen/README.md) from a gzip stream.</summary>
    public static WordNetLexicon Read(Stream gzip, SensePolicy policy)
    {
        using var reader = new StreamReader(new GZipStream(gzip, CompressionMode.Decompress));
        var header = reader.ReadLine();
        if (header is null || !header.StartsWith("#semcache-wordnet\t2\t", StringComparison.Ordinal))
        {
            throw new InvalidDataException("Not a semcache WordNet file of format 2.");
        }

        var ids = new Dictionary<string, int>(120_000, StringComparer.Ordinal);
        var lemmaRows = new List<(int Pos, string Lemma, string Senses)>(100_000);
        var synsetRows = new List<string[]>(120_000);
        var exceptions = Enumerable.Range(0, 4).Select(_ => new Dictionary<string, List<string>>(StringComparer.Ordinal)).ToArray();
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            var f = line.Split('\t');
            switch (f[0])
            {
                case "L":
                    lemmaRows.Add((PosIndex(f[2][0]), f[1], f[3]));
                    break;
                case "S":
                    Id(f[1], ids);
                    synsetRows.Add(f);
                    break;
                case "E":
                    var list = exceptions[PosIndex(f[1][0])];
                    if (!list.TryGetValue(f[2], out var bases))
                    {
                        list[f[2]] = bases = [];
                    }

                    bases.Add(f[3]);
                    break;
                default:
                    throw new InvalidDataException($"Unknown row type '{f[0]}'.");
            }
        }

        var lemmas = new Dictionary<string, Sense[]>[4];
        for (var p = 0; p < 4; p++)
        {
            lemmas[p] = new Dictionary<string, Sense[]>(StringComparer.Ordinal);
        }

        foreach (var (pos, lemma, senses) in lemmaRows)
        {
            lemmas[pos][lemma] = [.. senses.Split(',').Select(s =>
            {
                var colon = s.IndexOf(':', StringComparison.Ordinal);
                return new Sense(Id(s[..colon], ids), int.Parse(s.AsSpan(colon + 1), System.Globalization.CultureInfo.InvariantCulture));
            })];
        }

        // Synsets without pointers have ids only from lemma rows; pointers may name synsets seen later.
        foreach (var f in synsetRows)
        {
            for (var k = 2; k < 6; k++)
            {
                foreach (var t in Targets(f[k]))
                {
                    Id(t, ids);
                }
            }
        }

        var n = ids.Count;
        var hyper = new int[n][];
        var similar = new int[n][];
        var antonyms = new int[n][];
        var derived = new int[n][];
        var attribute = new bool[n];
        Array.Fill(hyper, []);
        Array.Fill(similar, []);
        Array.Fill(antonyms, []);
        Array.Fill(derived, []);
        foreach (var f in synsetRows)
        {
            var id = ids[f[1]];
            hyper[id] = [.. Targets(f[2]).Select(t => ids[t])];
            similar[id] = [.. Targets(f[3]).Select(t => ids[t])];
            antonyms[id] = [.. Targets(f[4]).Select(t => ids[t])];
            derived[id] = [.. Targets(f[5]).Select(t => ids[t])];
            attribute[id] = f[6] == "=";
        }

        return new WordNetLexicon(
            policy,
            [.. lemmas.Select(d => d.ToFrozenDictionary(StringComparer.Ordinal))],
            [.. exceptions.Select(d => d.ToFrozenDictionary(kv => kv.Key, kv => kv.Value.ToArray(), StringComparer.Ordinal))],
            hyper,
            similar,
            antonyms,
            derived,
            attribute);
    }

    private static IEnumerable<string> Targets(string field) =>
        field.Length == 0 ? [] : field.Split(',');

    private static int Id(string key, Dictionary<string, int> ids)
    {
        if (!ids.TryGetValue(key, out var id))
        {
            ids[key] = id = ids.Count;
        }

        return id;
    }

    private static int PosIndex(char pos) => pos switch
    {
        'n' => 0,
        'v' => 1,
        'a' => 2,
        'r' => 3,
        _ => throw new InvalidDataException($"Unknown part of speech '{pos}'."),
    };
}
