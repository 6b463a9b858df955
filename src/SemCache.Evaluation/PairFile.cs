namespace SemCache.Evaluation;

/// <summary>Reads labelled pairs: UTF-8 TSV with the header <c>a	b	label	category	lang	source</c>.</summary>
public static class PairFile
{
    public const string Header = "a\tb\tlabel\tcategory\tlang\tsource";

    /// <exception cref="InvalidDataException">The header or a row is malformed (the message names file and line).</exception>
    public static IReadOnlyList<LabelledPair> Read(string path)
    {
        using var reader = new StreamReader(path, System.Text.Encoding.UTF8);
        return Parse(reader, path);
    }

    public static IReadOnlyList<LabelledPair> Parse(TextReader reader, string name)
    {
        var header = reader.ReadLine()?.TrimEnd('\r');
        if (header is null)
        {
            throw new InvalidDataException($"{name}: empty file, expected the header '{Header.Replace('\t', ' ')}' (tab-separated).");
        }

        if (!string.Equals(header.TrimStart('\uFEFF'), Header, StringComparison.Ordinal))
        {
            throw new InvalidDataException($"{name}:1: bad header '{header}', expected the tab-separated columns a, b, label, category, lang, source.");
        }

        var pairs = new List<LabelledPair>();
        var lineNumber = 1;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            line = line.TrimEnd('\r');
            if (line.Length == 0)
            {
                continue;
            }

            pairs.Add(ParseRow(line, name, lineNumber));
        }

        return pairs;
    }

    private static LabelledPair ParseRow(string line, string name, int lineNumber)
    {
        var cells = line.Split('\t');
        if (cells.Length != 6)
        {
            throw new InvalidDataException($"{name}:{lineNumber}: expected 6 tab-separated columns, found {cells.Length}.");
        }

        if (cells[2] is not ("0" or "1"))
        {
            throw new InvalidDataException($"{name}:{lineNumber}: label must be 0 or 1, found '{cells[2]}'.");
        }

        if (cells[0].Length == 0 || cells[1].Length == 0)
        {
            throw new InvalidDataException($"{name}:{lineNumber}: prompts a and b must not be empty.");
        }

        var category = cells[3].Length == 0 ? "(none)" : cells[3];
        var lang = cells[4].Length == 0 ? "(none)" : cells[4];
        return new LabelledPair(cells[0], cells[1], cells[2] == "1" ? 1 : 0, category, lang, cells[5]);
    }
}
