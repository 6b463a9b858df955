using System.Globalization;
using SemCache.VerifierData;

// Builds the verifier's generated training pairs (rewrites of public benchmark prompts, with WordNet for the word
// substitutions) from sources on this machine. See README.md. The matcher's own word knowledge is built by
// tools/SemCache.WordNetGen.
if (args.Length < 1 || args[0] is not "pairs")
{
    Console.Error.WriteLine("usage: VerifierData pairs [--wordnet DIR] [--prompts DIR] [--exclude FILE]... [--out FILE] [--per-prompt N] [--every N]");
    return 2;
}

var opts = new Dictionary<string, List<string>>(StringComparer.Ordinal);
for (var i = 1; i + 1 < args.Length; i += 2)
{
    if (!opts.TryGetValue(args[i], out var list))
    {
        opts[args[i]] = list = [];
    }

    list.Add(args[i + 1]);
}

string Opt(string name, string fallback) => opts.TryGetValue(name, out var v) ? v[^1] : fallback;
var wordnetDir = Opt("--wordnet", "/usr/share/wordnet");
if (!File.Exists(Path.Combine(wordnetDir, "data.noun")))
{
    Console.Error.WriteLine($"WordNet not found in {wordnetDir} (apt-get install wordnet-base)");
    return 2;
}

var wn = WordNet.Load(wordnetDir);

var generator = new PairGenerator(wn, opts.TryGetValue("--exclude", out var ex) ? ex : ["datasets/pairs/dev-test.tsv"]);
var outPath = Opt("--out", "datasets/pairs/generated.tsv");
var count = generator.Write(Opt("--prompts", "datasets/prompts"), outPath, int.Parse(Opt("--per-prompt", "1"), CultureInfo.InvariantCulture), int.Parse(Opt("--every", "2"), CultureInfo.InvariantCulture));
Console.WriteLine($"wrote {outPath}: {count} pairs");
return 0;
