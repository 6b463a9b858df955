using System.Globalization;
using System.IO.Compression;
using System.Text;

// Turns the WordNet 3.0 database files (Debian package wordnet-base) into the compact file the matcher ships:
// src/SemCache.Matching/Lexicon/Data/wordnet.tsv.gz. See README.md beside this file for the format and why.
var source = args.Length > 0 ? args[0] : "/usr/share/wordnet";
var output = args.Length > 1 ? args[1] : Path.Combine(FindRepoRoot(), "src", "SemCache.Matching", "Lexicon", "Data", "wordnet.tsv.gz");
if (!File.Exists(Path.Combine(source, "data.noun")))
{
    Console.Error.WriteLine($"wordnetgen: no WordNet database in {source} (apt-get install wordnet-base)");
    return 2;
}

var posFiles = new[] { ("n", "noun"), ("v", "verb"), ("a", "adj"), ("r", "adv") };
var senseCounts = ReadSenseCounts(Path.Combine(source, "cntlist.rev"));
var lines = new List<string>();

// Lemmas: single words only (the tokenizer reads words), every sense with its tagged-sense count, in WordNet's order.
foreach (var (pos, name) in posFiles)
{
    foreach (var line in File.ReadLines(Path.Combine(source, "index." + name)))
    {
        if (line.StartsWith(' '))
        {
            continue;
        }

        var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var lemma = f[0];
        if (!IsWord(lemma))
        {
            continue;
        }

        var synsetCount = int.Parse(f[2], CultureInfo.InvariantCulture);
        var pointerCount = int.Parse(f[3], CultureInfo.InvariantCulture);
        var first = 4 + pointerCount + 2;
        var senses = new StringBuilder();
        for (var i = 0; i < synsetCount; i++)
        {
            var count = senseCounts.GetValueOrDefault((lemma, pos, i + 1));
            senses.Append(i == 0 ? "" : ",").Append(pos).Append(f[first + i]).Append(':').Append(count.ToString(CultureInfo.InvariantCulture));
        }

        lines.Add($"L\t{lemma}\t{pos}\t{senses}");
    }
}

// Synsets: the pointers the matcher reads. Hypernyms (@, @i), similar-to (&), antonyms (!), derivations (+), and
// whether an adjective names a value of an attribute (=: "small" is a value of "size"; "cooked" is not).
var pointerCounts = new Dictionary<string, int>();
foreach (var (pos, name) in posFiles)
{
    foreach (var line in File.ReadLines(Path.Combine(source, "data." + name)))
    {
        if (line.StartsWith(' '))
        {
            continue;
        }

        var f = line[..line.IndexOf('|', StringComparison.Ordinal)].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var id = pos + f[0];
        var words = int.Parse(f[3], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        var p = 4 + words * 2;
        var pointers = int.Parse(f[p], CultureInfo.InvariantCulture);
        var hyper = new List<string>();
        var similar = new List<string>();
        var antonym = new List<string>();
        var derived = new List<string>();
        var attribute = false;
        for (var i = 0; i < pointers; i++)
        {
            var symbol = f[p + 1 + i * 4];
            var target = Pos(f[p + 3 + i * 4]) + f[p + 2 + i * 4];
            attribute |= symbol == "=" && pos == "a";
            var list = symbol switch
            {
                "@" or "@i" => hyper,
                "&" => similar,
                "!" => antonym,
                "+" => derived,
                _ => null,
            };
            if (list is not null && !list.Contains(target))
            {
                list.Add(target);
                pointerCounts[symbol] = pointerCounts.GetValueOrDefault(symbol) + 1;
            }
        }

        if (hyper.Count + similar.Count + antonym.Count + derived.Count > 0 || attribute)
        {
            lines.Add($"S\t{id}\t{string.Join(',', hyper)}\t{string.Join(',', similar)}\t{string.Join(',', antonym)}\t{string.Join(',', derived)}\t{(attribute ? "=" : "")}");
        }
    }
}

// Exception lists: irregular forms ("mice mouse", "ran run", "better good").
foreach (var (pos, name) in posFiles)
{
    foreach (var line in File.ReadLines(Path.Combine(source, name + ".exc")))
    {
        var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (f.Length >= 2 && IsWord(f[0]))
        {
            foreach (var b in f.Skip(1).Where(IsWord))
            {
                lines.Add($"E\t{pos}\t{f[0]}\t{b}");
            }
        }
    }
}

Directory.CreateDirectory(Path.GetDirectoryName(output)!);
var temp = output + ".tmp";
using (var file = File.Create(temp))
using (var gzip = new GZipStream(file, CompressionLevel.SmallestSize))
using (var writer = new StreamWriter(gzip, new UTF8Encoding(false)) { NewLine = "\n" })
{
    writer.WriteLine("#semcache-wordnet\t2\tWordNet 3.0 (Debian wordnet-base); see LICENSE-WordNet.txt");
    foreach (var l in lines)
    {
        writer.WriteLine(l);
    }
}

File.Move(temp, output, overwrite: true);
Console.WriteLine($"wrote {output}: {lines.Count(l => l[0] == 'L')} lemma rows, {lines.Count(l => l[0] == 'S')} synsets, "
    + $"{lines.Count(l => l[0] == 'E')} exceptions; pointers {string.Join(", ", pointerCounts.Select(kv => kv.Key + "=" + kv.Value))}; "
    + $"{new FileInfo(output).Length / 1024} KiB");
return 0;

static bool IsWord(string s) => s.Length > 0 && s.All(c => c is (>= 'a' and <= 'z') or '-' or '\'');

static string Pos(string p) => p == "s" ? "a" : p;

// cntlist.rev: "lemma%ss_type:lex_filenum:lex_id:head:head_id sense_number count" → (lemma, pos, sense number) → count.
static Dictionary<(string, string, int), int> ReadSenseCounts(string path)
{
    var counts = new Dictionary<(string, string, int), int>();
    foreach (var line in File.ReadLines(path))
    {
        var f = line.Split(' ');
        var key = f[0];
        var pct = key.IndexOf('%', StringComparison.Ordinal);
        var lemma = key[..pct];
        var pos = key[pct + 1] switch { '1' => "n", '2' => "v", '3' or '5' => "a", _ => "r" };
        counts[(lemma, pos, int.Parse(f[1], CultureInfo.InvariantCulture))] = int.Parse(f[2], CultureInfo.InvariantCulture);
    }

    return counts;
}

static string FindRepoRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "SemCache.slnx")))
        {
            return dir.FullName;
        }
    }

    return Directory.GetCurrentDirectory();
}
