using SemCache.Core.Requests;

namespace SemCache.Server.Pipeline;

/// <summary>A new image on its way to the store and the index.</summary>
public sealed record PendingImage
{
    public required string Key { get; init; }

    public required string Sha256 { get; init; }

    public required byte[] Bytes { get; init; }

    public required string ContentType { get; init; }

    public required string Prompt { get; init; }

    public required string Partition { get; init; }

    public required IReadOnlyList<KeyValuePair<string, string>> Parameters { get; init; }

    public required double OriginMilliseconds { get; init; }

    /// <summary>The prompt's embedding if the semantic tier already computed it (saves a second embedding).</summary>
    public float[]? Vector { get; init; }

    /// <summary>False for prompts the embedder cannot read: stored for the exact tier, never indexed.</summary>
    public required bool Indexable { get; init; }

    /// <summary>Set for an alias written on a semantic hit: the entry shares another key's image.</summary>
    public string? AliasOf { get; init; }

    public static PendingImage From(ImageRequest request, string sha, byte[] bytes, string contentType, double originMs, float[]? vector, bool indexable, string? aliasOf = null) =>
        new()
        {
            Key = request.Key,
            Sha256 = sha,
            Bytes = bytes,
            ContentType = contentType,
            Prompt = request.CanonicalPrompt,
            Partition = request.Partition,
            Parameters = request.PixelParameters,
            OriginMilliseconds = originMs,
            Vector = vector,
            Indexable = indexable,
            AliasOf = aliasOf,
        };
}
