using System.IO.Compression;
using System.Text;

namespace SemCache.DictGen;

/// <summary>Writes a Data/&lt;lang&gt;/forms.tsv.gz: one header line, then form TAB class TAB glosses (gloss|gloss|…).</summary>
public static class FormsFile
{
    public static int Write(string output, string header, IEnumerable<(string Form, string Class, string Glosses)> rows)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(output)!);
        using var file = File.Create(output);
        using var gzip = new GZipStream(file, CompressionLevel.SmallestSize);
        using var writer = new StreamWriter(gzip, new UTF8Encoding(false));
        writer.Write("# " + header + "\n");
        var written = 0;
        foreach (var (form, cls, glosses) in rows)
        {
            writer.Write($"{form}\t{cls}\t{glosses}\n");
            written++;
        }

        return written;
    }
}
