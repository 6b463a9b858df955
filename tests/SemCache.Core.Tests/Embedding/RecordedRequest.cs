using System.Text.Json;

namespace SemCache.Tests.Embedding;

/// <summary>One request the fake embeddings server received.</summary>
public sealed record RecordedRequest(string Path, string? Authorization, JsonElement Body)
{
    public string[] Inputs => [.. Body.GetProperty("input").EnumerateArray().Select(e => e.GetString()!)];
}
