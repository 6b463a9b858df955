using System.Globalization;
using System.IO.Compression;

namespace SemCache.Matching.Verifier;

/// <summary>
/// Word relations from WordNet 3.0, keyed by the analyser's lemmas (word-relations.tsv.gz, built by
/// tools/SemCache.VerifierData from Debian's wordnet-base; licence in datasets/LICENSES/wordnet.txt). Each lemma
/// keeps its first senses per part of speech; hypernyms are followed to the root at lookup time.
/// </summary>
public sealed class WordNetRelations : IWordRelations
{
    public const string ShippedResource = "SemCache.Matching.Verifier.word-relations.tsv.gz";

    private static readonly Lazy<WordNetRelations> LazyShipped = new(LoadShipped);

    private readonly Dictionary<string, int[]> _senses = new(StringComparer.Ordinal);
    private readonly Dictionary<int, Links> _links = [];

    private WordNetRelations()
    {
    }

    public static WordNetRelations Shipped => LazyShipped.Value;

    public int Lemmas => _senses.Count;

    public WordRelation Relate(string queryLemma, string candidateLemma)
    {
        if (!_senses.TryGetValue(queryLemma, out var q) || !_senses.TryGetValue(candidateLemma, out var c))
        {
            return WordRelation.None;
        }

        if (Intersects(q, c))
        {
            return WordRelation.SameSynset;
        }

        if (Linked(q, c, l => l.Antonyms))
        {
            return WordRelation.Antonym;
        }

        if (Linked(q, c, l => l.Similar) || SharedLink(q, c, l => l.Similar))
        {
            return WordRelation.SimilarTo;
        }

        if (Linked(q, c, l => l.Derived))
        {
            return WordRelation.Derivation;
        }

        if (IsAncestorOfAny(q, c))
        {
            return WordRelation.QueryMoreGeneral;
        }

        if (IsAncestorOfAny(c, q))
        {
            return WordRelation.QueryMoreSpecific;
        }

        return SharedLink(q, c, l => l.Parents) ? WordRelation.CoHyponym : WordRelation.None;
    }

    public static WordNetRelations Read(Stream gzipped)
    {
        var r = new WordNetRelations();
        using var reader = new StreamReader(new GZipStream(gzipped, CompressionMode.Decompress));
        while (reader.ReadLine() is { } line)
        {
            var f = line.Split('\t');
            if (f[0] == "L")
            {
                r._senses[f[1]] = Ids(f[2]);
            }
            else if (f[0] == "S")
            {
                r._links[int.Parse(f[1], CultureInfo.InvariantCulture)] = new Links(Ids(f[2]), Ids(f[3]), Ids(f[4]), Ids(f[5]));
            }
        }

        return r;
    }

    private static int[] Ids(string field) =>
        field.Length == 0 ? [] : [.. field.Split(',').Select(x => int.Parse(x, CultureInfo.InvariantCulture))];

    private static bool Intersects(int[] a, int[] b)
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

    /// <summary>A sense of one word points (by <paramref name="select"/>) at a sense of the other, either way.</summary>
    private bool Linked(int[] q, int[] c, Func<Links, int[]> select) => Points(q, c, select) || Points(c, q, select);

    private bool Points(int[] from, int[] to, Func<Links, int[]> select)
    {
        foreach (var s in from)
        {
            if (_links.TryGetValue(s, out var l) && Intersects(select(l), to))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Senses of both words point at a common synset (same parent, same head adjective).</summary>
    private bool SharedLink(int[] q, int[] c, Func<Links, int[]> select)
    {
        foreach (var a in q)
        {
            if (!_links.TryGetValue(a, out var la))
            {
                continue;
            }

            foreach (var b in c)
            {
                if (_links.TryGetValue(b, out var lb) && Intersects(select(la), select(lb)))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>A sense of <paramref name="general"/> is a hypernym (at any depth) of a sense of <paramref name="specific"/>.</summary>
    private bool IsAncestorOfAny(int[] general, int[] specific)
    {
        var seen = new HashSet<int>();
        var stack = new Stack<int>(specific);
        while (stack.Count > 0)
        {
            if (!_links.TryGetValue(stack.Pop(), out var l))
            {
                continue;
            }

            foreach (var p in l.Parents)
            {
                if (Array.IndexOf(general, p) >= 0)
                {
                    return true;
                }

                if (seen.Add(p))
                {
                    stack.Push(p);
                }
            }
        }

        return false;
    }

    private static WordNetRelations LoadShipped()
    {
        using var stream = typeof(WordNetRelations).Assembly.GetManifestResourceStream(ShippedResource)
            ?? throw new InvalidOperationException($"Resource {ShippedResource} is missing from the build.");
        return Read(stream);
    }

    private sealed record Links(int[] Parents, int[] Antonyms, int[] Similar, int[] Derived);
}
