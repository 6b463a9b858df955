using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using SemCache.Core.Requests;

namespace SemCache.Backfill;

/// <summary>
/// A manifest of object key, prompt and parameters, read line by line; the bytes come from the objects source.
/// JSONL: <c>{"key": "...", "prompt": "...", "parameters": {"width": "512"}}</c> per line. CSV: a header
/// <c>key,prompt,parameters</c>, parameters as a query string (<c>width=512&amp;model=flux</c>), RFC 4180 quoting.
/// The position of a line is its number.
/// </summary>
public sealed class ManifestSource(string path, IBackfillSource objects) : IBackfillSource
{
    public string Description => $"{path} over {objects.Description}";

    public async IAsyncEnumerable<BackfillItem> ListAsync(string? after, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var skip = after is null ? 0 : long.Parse(after, CultureInfo.InvariantCulture);
        var csv = !path.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase) && !path.EndsWith(".json", StringComparison.OrdinalIgnoreCase);
        using var reader = new StreamReader(path);
        long number = 0;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            number++;
            if (number <= skip || line.Length == 0 || (csv && number == 1))
            {
                continue;
            }

            var position = number.ToString("D12", CultureInfo.InvariantCulture);
            yield return csv ? FromCsv(position, line) : FromJson(position, line);
        }
    }

    public Task<SourceObject?> ReadAsync(BackfillItem item, CancellationToken cancellationToken) =>
        objects.ReadAsync(new BackfillItem(item.ObjectKey, item.ObjectKey), cancellationToken);

    public void Dispose() => objects.Dispose();

    private static BackfillItem FromJson(string position, string line)
    {
        using var doc = JsonDocument.Parse(line);
        var root = doc.RootElement;
        var parameters = new List<KeyValuePair<string, string>>();
        if (root.TryGetProperty("parameters", out var p) && p.ValueKind == JsonValueKind.Object)
        {
            foreach (var prop in p.EnumerateObject())
            {
                parameters.Add(new(prop.Name, prop.Value.ValueKind == JsonValueKind.String ? prop.Value.GetString()! : prop.Value.GetRawText()));
            }
        }

        return new BackfillItem(position, root.GetProperty("key").GetString()!)
        {
            Prompt = root.TryGetProperty("prompt", out var prompt) ? prompt.GetString() : null,
            Parameters = parameters,
        };
    }

    private static BackfillItem FromCsv(string position, string line)
    {
        var fields = CsvLine.Split(line);
        var parameters = new List<KeyValuePair<string, string>>();
        foreach (var pair in (fields.Count > 2 ? fields[2] : "").Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            var name = eq < 0 ? pair : pair[..eq];
            var value = eq < 0 ? "" : pair[(eq + 1)..];
            PercentDecoding.TryDecode(name, plusIsSpace: true, out var n);
            PercentDecoding.TryDecode(value, plusIsSpace: true, out var v);
            parameters.Add(new(n, v));
        }

        return new BackfillItem(position, fields[0]) { Prompt = fields.Count > 1 ? fields[1] : null, Parameters = parameters };
    }
}
