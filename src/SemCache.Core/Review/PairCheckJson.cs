using System.Text;
using System.Text.Json;

namespace SemCache.Core.Review;

/// <summary>The checks of a pair as a JSON array of {name, passed, reason}: one text column on both backends.</summary>
public static class PairCheckJson
{
    public static string Write(IReadOnlyList<PairCheck> checks)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var check in checks)
            {
                writer.WriteStartObject();
                writer.WriteString("name", check.Name);
                writer.WriteBoolean("passed", check.Passed);
                writer.WriteString("reason", check.Reason);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    public static IReadOnlyList<PairCheck> Read(string json)
    {
        using var document = JsonDocument.Parse(json);
        var checks = new List<PairCheck>();
        foreach (var item in document.RootElement.EnumerateArray())
        {
            var reason = item.TryGetProperty("reason", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() : null;
            checks.Add(new PairCheck(item.GetProperty("name").GetString() ?? "", item.GetProperty("passed").GetBoolean(), reason));
        }

        return checks;
    }
}
