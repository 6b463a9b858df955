using System.Diagnostics;
using System.Runtime.InteropServices;
using SemCache.Embedding;

namespace SemCache.IndexBench;

/// <summary>
/// Index benchmark rows that are all real MiniLM (int8, the server's default) embeddings of prompt texts, for scales
/// beyond the 10,000 real prompts we have. The first rows are the real prompts themselves (workload, PartiPrompts,
/// GenEval, T2I-CompBench); the rest are composed the way DiffusionDB users write: the subject of one real prompt (its
/// first comma-separated fragment) followed by a run of modifier fragments ("highly detailed, artstation, by ...")
/// taken from the tails of other real prompts. So the set has real embedding geometry: many rows share a subject and
/// differ in style words, as a busy cache's rows do. <see cref="WorkloadVectors"/>' mixtures add isotropic Gaussian
/// noise instead, which makes every row an isolated point in ~384 dimensions: a harder (and unreal) case for a graph.
/// Queries: half held-out real workload prompts (never a source of a subject or a modifier), half near duplicates of
/// stored rows (one modifier dropped, two swapped, or a few words added: the cache-hit case), each with its row.
/// Texts are deterministic for a seed; vectors are embedded once (both cores, about 17 minutes for 1M on this
/// machine) and cached in the work directory, appended as they are made, so an interrupted run resumes.
/// </summary>
internal sealed class ComposedVectors
{
    public const string Name = "composed";
    private const int Dimension = 384;
    private const int HeldOut = 1000;
    private readonly string[] _sources;
    private readonly string[] _heldOut;
    private readonly string[] _subjects;
    private readonly string[][] _tails;
    private readonly string _work;
    private readonly string _modelDirectory;

    private ComposedVectors(string[] sources, string[] heldOut, string work)
    {
        _sources = sources;
        _heldOut = heldOut;
        var fragments = sources.Select(Fragments).ToArray();
        _subjects = [.. fragments.Select(f => f[0]).Distinct(StringComparer.Ordinal)];
        _tails = [.. fragments.Where(f => f.Length > 1).Select(f => f[1..])];
        _work = work;
        _modelDirectory = Path.Combine(work, "models");
    }

    /// <summary>The real prompts of the repository's datasets; the last 1000 workload prompts are held out as queries.</summary>
    public static ComposedVectors Load(string root, string work)
    {
        var workload = File.ReadAllLines(Path.Combine(root, "datasets/workload/prompts.txt")).Where(p => p.Length > 0).ToArray();
        var heldOut = workload[^HeldOut..];
        var lists = new[] { "datasets/prompts/parti.txt", "datasets/prompts/geneval.txt" }
            .Concat(Directory.GetFiles(Path.Combine(root, "datasets/prompts/t2i-compbench"), "*.txt").Order(StringComparer.Ordinal))
            .SelectMany(f => File.ReadAllLines(Path.Combine(root, f)));
        var held = heldOut.ToHashSet(StringComparer.Ordinal);
        var sources = workload[..^HeldOut].Concat(lists)
            .Select(p => p.Trim()).Where(p => p.Length > 0 && !held.Contains(p))
            .Distinct(StringComparer.Ordinal).ToArray();
        Directory.CreateDirectory(work);
        return new ComposedVectors(sources, heldOut, work);
    }

    /// <summary>The texts of the first <paramref name="count"/> rows (a longer list starts with the same rows).</summary>
    public string[] Texts(int count)
    {
        var random = new Random(42);
        var texts = new string[count];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            var text = i < _sources.Length ? _sources[i] : Compose(random);
            while (!seen.Add(text))
            {
                text = Compose(random);
            }

            texts[i] = text;
        }

        return texts;
    }

    /// <summary>The vectors of the first <paramref name="count"/> rows, embedded or read from the cache.</summary>
    public float[][] Entries(int count) => Embedded(Path.Combine(_work, "composed-int8.f32"), Texts(count));

    /// <summary>Half held-out real prompts (Source -1), half edited copies of random stored rows (Source: that row).</summary>
    public (float[] Query, int Source)[] Queries(int entries, int count)
    {
        var texts = Texts(entries);
        var random = new Random(7);
        var queries = new (string Text, int Source)[count];
        for (var q = 0; q < count; q++)
        {
            if (q % 2 == 0)
            {
                queries[q] = (_heldOut[q / 2 % _heldOut.Length], -1);
            }
            else
            {
                var source = random.Next(entries);
                queries[q] = (Edit(texts[source], random), source);
            }
        }

        var vectors = Embedded(Path.Combine(_work, $"composed-queries-{entries}-{count}-int8.f32"), [.. queries.Select(q => q.Text)]);
        return [.. vectors.Zip(queries, (v, q) => (v, q.Source))];
    }

    private string Compose(Random random)
    {
        var subject = _subjects[random.Next(_subjects.Length)];
        var parts = new List<string> { subject };
        // Most DiffusionDB prompts carry modifiers; a quarter of composed rows get a second run from another prompt.
        if (random.NextDouble() < 0.8)
        {
            AddRun(parts, _tails[random.Next(_tails.Length)], random);
            if (random.NextDouble() < 0.25)
            {
                AddRun(parts, _tails[random.Next(_tails.Length)], random);
            }
        }

        return string.Join(", ", parts);
    }

    private static void AddRun(List<string> parts, string[] tail, Random random)
    {
        var length = 1 + random.Next(Math.Min(6, tail.Length));
        var start = random.Next(tail.Length - length + 1);
        parts.AddRange(tail.AsSpan(start, length));
    }

    /// <summary>What a returning user changes: a modifier dropped, two swapped, or a few words added.</summary>
    private static string Edit(string text, Random random)
    {
        var parts = Fragments(text).ToList();
        switch (parts.Count > 2 ? random.Next(3) : 2)
        {
            case 0:
                parts.RemoveAt(1 + random.Next(parts.Count - 1));
                break;
            case 1:
                var i = 1 + random.Next(parts.Count - 2);
                (parts[i], parts[i + 1]) = (parts[i + 1], parts[i]);
                break;
            default:
                parts.Add(random.Next(3) switch { 0 => "highly detailed", 1 => "4k", _ => "digital art" });
                break;
        }

        return string.Join(", ", parts);
    }

    private static string[] Fragments(string prompt)
    {
        var parts = prompt.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return parts.Length > 0 ? parts : [prompt.Trim()];
    }

    /// <summary>
    /// The vectors of <paramref name="texts"/>: those already in <paramref name="file"/> are read, the rest embedded
    /// (one int8 MiniLM per core) and appended in blocks, so the file always holds a whole prefix.
    /// </summary>
    private float[][] Embedded(string file, string[] texts)
    {
        const int Bytes = Dimension * sizeof(float);
        // The texts beside the vectors: a cached row counts only while its text is still the one asked for.
        var textFile = file + ".txt";
        var cachedTexts = File.Exists(textFile) ? File.ReadAllLines(textFile) : [];
        var same = 0;
        while (same < Math.Min(cachedTexts.Length, texts.Length) && cachedTexts[same] == texts[same])
        {
            same++;
        }

        var have = File.Exists(file) ? (int)Math.Min(same, new FileInfo(file).Length / Bytes) : 0;
        var vectors = new float[texts.Length][];
        if (have > 0)
        {
            using var read = File.OpenRead(file);
            var row = new byte[Bytes];
            for (var i = 0; i < have; i++)
            {
                read.ReadExactly(row);
                vectors[i] = MemoryMarshal.Cast<byte, float>(row).ToArray();
            }
        }

        if (have == texts.Length)
        {
            return vectors;
        }

        Console.Error.WriteLine($"embedding {texts.Length - have} composed prompts with int8 MiniLM (cached in {file})...");
        var workers = Environment.ProcessorCount;
        var embedders = Enumerable.Range(0, workers).Select(_ => MiniLmEmbedder.CreateInt8(_modelDirectory)).ToArray();
        try
        {
            using var append = new FileStream(file, FileMode.OpenOrCreate, FileAccess.Write);
            append.SetLength((long)have * Bytes);
            append.Position = (long)have * Bytes;
            File.WriteAllLines(textFile, texts);
            var watch = Stopwatch.StartNew();
            const int Block = 4096;
            for (var start = have; start < texts.Length; start += Block)
            {
                var n = Math.Min(Block, texts.Length - start);
                Parallel.For(0, workers, w =>
                {
                    for (var i = w; i < n; i += workers)
                    {
                        vectors[start + i] = embedders[w].Embed([texts[start + i]])[0];
                    }
                });
                for (var i = 0; i < n; i++)
                {
                    append.Write(MemoryMarshal.AsBytes(vectors[start + i].AsSpan()));
                }

                append.Flush(flushToDisk: true);
                var done = start + n - have;
                Console.Error.WriteLine($"  {start + n}/{texts.Length} ({done / watch.Elapsed.TotalSeconds:F0}/s)");
            }
        }
        finally
        {
            foreach (var embedder in embedders)
            {
                embedder.Dispose();
            }
        }

        return vectors;
    }
}
