using System.Globalization;
using System.Text;
using Lucene.Net.Tartarus.Snowball;
using Lucene.Net.Tartarus.Snowball.Ext;
using SemCache.DictGen;

// Rebuilds src/SemCache.Matching/Data/<lang>/glosses.tsv from Debian's FreeDict packages (see README.md).
var dictd = Option("--dictd", "/usr/share/dictd");
var wordNet = Option("--wordnet", "/usr/share/wordnet");
var output = Option("--out", Path.Combine(FindRepoRoot(), "src", "SemCache.Matching", "Data"));
if (!Directory.Exists(dictd) || !File.Exists(Path.Combine(wordNet, "cntlist.rev")))
{
    Console.Error.WriteLine("needs dict-freedict-{spa,fra,deu}-eng, dict-freedict-eng-{spa,fra} and wordnet-base (see tools/SemCache.DictGen/README.md)");
    return 2;
}

var frequency = new EnglishFrequency(wordNet);
(string Code, string Source, string? Reverse, Func<SnowballProgram> Stemmer)[] languages =
[
    ("es", "spa", "eng-spa", () => new SpanishStemmer()),
    ("fr", "fra", "eng-fra", () => new FrenchStemmer()),
    ("de", "deu", null, () => new German2Stemmer()),
];

// Each language's ranked glosses, kept for the German pivots (es and fr are generated first).
var rankedGlosses = new Dictionary<string, IReadOnlyDictionary<string, IReadOnlyList<string>>>(StringComparer.Ordinal);
foreach (var (code, source, reverse, stemmerFactory) in languages)
{
    // German nouns are capitalised: "Morgen" (morning) and "morgen" (tomorrow) keep their own senses.
    var caseSensitive = code == "de";
    var senses = new Dictionary<string, List<GlossSense>>(StringComparer.Ordinal);
    var forward = DictdFile.Open(dictd, $"freedict-{source}-eng");
    var entryOrder = 0;
    foreach (var (headword, offset, length) in forward.Index)
    {
        var entry = forward.Entry(offset, length);
        if (Key(headword, entry, caseSensitive) is not { } word)
        {
            continue;
        }

        var list = senses.TryGetValue(word, out var l) ? l : senses[word] = [];
        list.AddRange(EntryParser.Senses(entry, entryOrder++));
    }

    var pivots = new List<string>();
    foreach (var (pivot, pivotCode) in caseSensitive ? new[] { ("spa", "es"), ("fra", "fr") } : [])
    {
        if (!rankedGlosses.TryGetValue(pivotCode, out var pivotGlosses) || !File.Exists(Path.Combine(dictd, $"freedict-{source}-{pivot}.index")))
        {
            Console.Error.WriteLine($"{code}: no {source}-{pivot} pivot (needs dict-freedict-{source}-{pivot}; see README.md)");
            continue;
        }

        pivots.Add($"{source}-{pivot}");
        foreach (var (word, sense) in PivotSenses.Read(DictdFile.Open(dictd, $"freedict-{source}-{pivot}"), pivotGlosses, (h, e) => Key(h, e, caseSensitive)))
        {
            (senses.TryGetValue(word, out var l) ? l : senses[word] = []).Add(sense);
        }
    }

    if (reverse is not null)
    {
        // English→X entries read backwards fill gaps of the small X→English dictionaries ("vez" is only in eng-spa).
        var backward = DictdFile.Open(dictd, $"freedict-{reverse}");
        foreach (var (headword, offset, length) in backward.Index)
        {
            var english = headword.Trim().ToLowerInvariant();
            if (!IsSingleWord(english))
            {
                continue;
            }

            foreach (var sense in EntryParser.Senses(backward.Entry(offset, length), 0))
            {
                foreach (var target in sense.Glosses.Where(IsSingleWord))
                {
                    var list = senses.TryGetValue(target, out var l) ? l : senses[target] = [];
                    list.Add(new GlossSense(sense.Pos, 2, int.MaxValue, [english]));
                }
            }
        }
    }

    var stemmer = stemmerFactory();
    var lines = new List<string>();
    var ranked = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
    foreach (var (key, list) in senses.OrderBy(p => p.Key.ToLowerInvariant(), StringComparer.Ordinal).ThenBy(p => p.Key, StringComparer.Ordinal))
    {
        var glosses = Rank(list, frequency);
        if (glosses.Count == 0 || (code == "de" && !Worthwhile(key, glosses, frequency)))
        {
            continue;
        }

        // A capitalised key stays only beside a lower-case one ("Morgen" and "morgen"); alone it is the word.
        var lower = key.ToLowerInvariant();
        var word = key != lower && !senses.ContainsKey(lower) ? lower : key;
        stemmer.SetCurrent(lower);
        stemmer.Stem();
        var pos = list.OrderBy(s => s.Penalty).ThenBy(s => s.Order).Select(s => s.Pos).FirstOrDefault(p => p.Length > 0) ?? "";
        lines.Add(string.Join('\t', word, stemmer.Current, pos, string.Join('|', glosses)));
        ranked.TryAdd(word, glosses);
    }

    rankedGlosses[code] = ranked;

    var directory = Path.Combine(output, code);
    Directory.CreateDirectory(directory);
    var sources = string.Join(" and ", new[] { source + "-eng" }.Concat(reverse is null ? [] : [reverse]).Concat(pivots.Select(p => p + " (through the " + (p.EndsWith("spa", StringComparison.Ordinal) ? "Spanish" : "French") + " glosses)")));
    var header = $"# word (German: capitalised only where a noun and another word share the letters)\tsnowball stem\tpart of speech\tEnglish glosses, usual first. Generated by tools/SemCache.DictGen from FreeDict {sources}; licence in LICENSE.freedict.txt\n";
    File.WriteAllText(Path.Combine(directory, "glosses.tsv"), header + string.Join('\n', lines) + "\n", new UTF8Encoding(false));
    var notices = new StringBuilder();
    foreach (var package in new[] { source + "-eng" }.Concat(reverse is null ? [] : [reverse]).Concat(pivots))
    {
        var copyright = $"/usr/share/doc/dict-freedict-{package}/copyright";
        notices.Append(CultureInfo.InvariantCulture, $"glosses.tsv is derived from Debian package dict-freedict-{package}; it keeps that licence.\n\n");
        notices.Append(File.Exists(copyright) ? File.ReadAllText(copyright) : "(copyright file not found)\n").Append('\n');
    }

    File.WriteAllText(Path.Combine(directory, "LICENSE.freedict.txt"), notices.ToString());
    Console.WriteLine($"{code}: {lines.Count} words -> {Path.Combine(directory, "glosses.tsv")}");
}

// Every inflected Spanish and French form with its English translation, from Apertium's analysers and dictionaries.
var apertium = Option("--apertium", "/usr/share/apertium");
(string Code, string Analyser, string[] Bilingual, string Copyright)[] analysed =
[
    ("es", "apertium-eng-spa/spa-eng.automorf.bin", ["apertium-eng-spa/spa-eng.autobil.bin"], "apertium-eng-spa"),
    ("fr", "apertium-fr-es/fr-es.automorf.bin", ["apertium-fr-es/fr-es.autobil.bin", "apertium-eng-spa/spa-eng.autobil.bin"], "apertium-fr-es"),
];
foreach (var (code, analyser, bilingual, package) in analysed)
{
    var generator = Path.Combine(apertium, "apertium-eng-spa/spa-eng.autogen.bin");
    if (!File.Exists(Path.Combine(apertium, analyser)) || !File.Exists(generator))
    {
        Console.Error.WriteLine($"{code}: skipped forms.tsv.gz (needs apertium-eng-spa, apertium-fr-es, lttoolbox and lttoolbox-dev; see README.md)");
        continue;
    }

    var directory = Path.Combine(output, code);
    var count = ApertiumForms.Write(Path.Combine(apertium, analyser), [.. bilingual.Select(b => Path.Combine(apertium, b))], generator, Path.Combine(directory, "forms.tsv.gz"));
    var notices = new StringBuilder();
    foreach (var source in new[] { package, "apertium-eng-spa" }.Distinct())
    {
        var copyright = $"/usr/share/doc/{source}/copyright";
        notices.Append(CultureInfo.InvariantCulture, $"forms.tsv.gz is derived from Debian package {source}; it keeps that licence.\n\n");
        notices.Append(File.Exists(copyright) ? File.ReadAllText(copyright) : "(copyright file not found)\n").Append('\n');
    }

    File.WriteAllText(Path.Combine(directory, "LICENSE.apertium.txt"), notices.ToString());
    Console.WriteLine($"{code}: {count} forms -> {Path.Combine(directory, "forms.tsv.gz")}");
}

// German inflected forms with their base word's FreeDict glosses, from the igerman98 Hunspell dictionary.
var hunspell = Option("--hunspell", "/usr/share/hunspell/de_DE");
if (File.Exists(hunspell + ".dic"))
{
    var directory = Path.Combine(output, "de");
    var german = new Dictionary<string, (string Class, string Glosses)>(StringComparer.Ordinal);
    foreach (var line in File.ReadLines(Path.Combine(directory, "glosses.tsv")))
    {
        if (!line.StartsWith('#') && line.Split('\t') is [var word, _, var cls, var gloss, ..])
        {
            german[word] = (cls, gloss);
        }
    }

    var count = HunspellForms.Write(hunspell, german, Path.Combine(directory, "forms.tsv.gz"));
    var copyright = "/usr/share/doc/hunspell-de-de/copyright";
    File.WriteAllText(Path.Combine(directory, "LICENSE.hunspell.txt"),
        "forms.tsv.gz lists word forms derived from Debian package hunspell-de-de (igerman98); it keeps that licence. "
        + "Its glosses come from FreeDict deu-eng (LICENSE.freedict.txt).\n\n"
        + (File.Exists(copyright) ? File.ReadAllText(copyright) : "(copyright file not found)\n"));
    Console.WriteLine($"de: {count} forms -> {Path.Combine(directory, "forms.tsv.gz")}");
}
else
{
    Console.Error.WriteLine("de: skipped forms.tsv.gz (needs hunspell-de-de, hunspell and hunspell-tools; see README.md)");
}

return 0;

// Glosses ranked by how plain their sense is (usage-labelled senses and combining forms last), then by the
// dictionaries' evidence of use summed over the senses that list them (each dictionary's share), times the log of the
// gloss's English frequency (German lists many entries per headword in no useful order: "Schule" is "group" only for
// dolphins, and frequency alone made it "group"; evidence alone made "Stuhl" a medical term), then dictionary order;
// at most four.
static List<string> Rank(List<GlossSense> senses, EnglishFrequency frequency)
{
    // Each dictionary (FreeDict's own, and for German each pivot) has one vote per word, spread over its glosses. A
    // pivot's gloss no other dictionary confirms counts a quarter: the pivot word may be ambiguous itself ("klug" is
    // Spanish "listo", which is also "ready").
    var votes = senses.GroupBy(s => s.Source, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Sum(s => s.Weight), StringComparer.Ordinal);
    var ranked = senses
        .SelectMany(s => s.Glosses.Select(g => (Gloss: g, Sense: s)))
        .GroupBy(g => g.Gloss, StringComparer.Ordinal)
        .Select(g =>
        {
            var confirmed = g.Select(x => x.Sense.Source).Distinct(StringComparer.Ordinal).Count() > 1;
            var evidence = g.Sum(x => x.Sense.Weight / votes[x.Sense.Source] * (confirmed || x.Sense.Source.Length == 0 ? 1 : 0.25));
            return (Gloss: g.Key, Penalty: g.Min(x => x.Sense.Penalty), Score: evidence * Math.Log(2 + frequency.Of(g.Key)), Order: g.Min(x => x.Sense.Order));
        })
        .OrderBy(g => g.Penalty).ThenByDescending(g => g.Score).ThenBy(g => g.Order);
    return [.. ranked.Take(4).Select(g => g.Gloss)];
}

// German has 270k single-word headwords, mostly long compounds and rare terms: keep words of prompt length whose
// usual gloss is a known English word, which keeps the shipped file a few MB.
static bool Worthwhile(string word, List<string> glosses, EnglishFrequency frequency) =>
    word.Length <= 16 && glosses.Any(g => frequency.Of(g) > 0);

// The dictionary key of a headword: lower case, or for German a headword its entry writes capitalised ("Morgen
// /ˈmɔʁɡn̩/ <n, masc>"; dictd's index itself is lower case) as "Morgen".
static string? Key(string headword, string entry, bool caseSensitive)
{
    var lower = headword.Trim().Normalize(NormalizationForm.FormC).ToLowerInvariant();
    if (!IsSingleWord(lower))
    {
        return null;
    }

    var written = entry.AsSpan(0, Math.Min(entry.Length, lower.Length));
    return caseSensitive && written.Length > 0 && char.IsUpper(written[0]) ? char.ToUpperInvariant(lower[0]) + lower[1..] : lower;
}

static bool IsSingleWord(string word) =>
    word.Length is > 0 and <= 30 && word.All(c => char.IsLetter(c) || c == '-') && char.IsLetter(word[0]);

string Option(string name, string fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
}

static string FindRepoRoot()
{
    var dir = new DirectoryInfo(AppContext.BaseDirectory);
    while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "SemCache.slnx")))
    {
        dir = dir.Parent;
    }

    return dir?.FullName ?? Directory.GetCurrentDirectory();
}
