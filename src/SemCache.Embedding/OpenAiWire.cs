using System.Buffers;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace SemCache.Embedding;

/// <summary>The JSON of POST /v1/embeddings: request body out, vectors (in input order) back.</summary>
internal static class OpenAiWire
{
    public static byte[] Request(string model, IReadOnlyList<string> inputs, int start, int count, int? dimensions, string? prefix)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("model", model);
            json.WriteStartArray("input");
            for (var i = start; i < start + count; i++)
            {
                json.WriteStringValue(prefix is { Length: > 0 } ? prefix + inputs[i] : inputs[i]);
            }

            json.WriteEndArray();
            json.WriteString("encoding_format", "float");
            if (dimensions is { } d)
            {
                json.WriteNumber("dimensions", d);
            }

            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Reads data[].embedding placed by data[].index; null with a reason when the answer is unusable.</summary>
    public static float[][]? Parse(JsonDocument doc, int expected, out string? problem)
    {
        problem = null;
        if (doc.RootElement.ValueKind != JsonValueKind.Object
            || !doc.RootElement.TryGetProperty("data", out var data)
            || data.ValueKind != JsonValueKind.Array)
        {
            problem = "the response has no data array";
            return null;
        }

        if (data.GetArrayLength() != expected)
        {
            problem = $"{expected} inputs were sent but {data.GetArrayLength()} embeddings came back";
            return null;
        }

        var vectors = new float[expected][];
        var position = 0;
        foreach (var item in data.EnumerateArray())
        {
            // Servers may answer out of order; index says which input a vector belongs to.
            var index = item.TryGetProperty("index", out var i) && i.ValueKind == JsonValueKind.Number ? i.GetInt32() : position;
            position++;
            if (index < 0 || index >= expected || vectors[index] is not null)
            {
                problem = $"embedding index {index} is out of range or repeated";
                return null;
            }

            if (!item.TryGetProperty("embedding", out var embedding) || ReadVector(embedding) is not { Length: > 0 } vector)
            {
                problem = $"embedding {index} is missing or not a list of numbers";
                return null;
            }

            vectors[index] = vector;
        }

        return vectors;
    }

    private static float[]? ReadVector(JsonElement embedding)
    {
        if (embedding.ValueKind == JsonValueKind.String)
        {
            // encoding_format=base64 (little-endian float32), for servers that ignore the float request.
            var bytes = embedding.GetBytesFromBase64();
            return bytes.Length % sizeof(float) == 0 ? MemoryMarshal.Cast<byte, float>(bytes).ToArray() : null;
        }

        if (embedding.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        var vector = new float[embedding.GetArrayLength()];
        var k = 0;
        foreach (var value in embedding.EnumerateArray())
        {
            if (value.ValueKind != JsonValueKind.Number)
            {
                return null;
            }

            vector[k++] = value.GetSingle();
        }

        return vector;
    }
}
