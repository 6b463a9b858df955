namespace SemCache.Core.Requests;

/// <summary>
/// One text-to-image request after validation and canonicalisation. Immutable; built by <see cref="RequestParser"/>.
/// </summary>
public sealed class ImageRequest
{
    internal ImageRequest(
        string prompt,
        string canonicalPrompt,
        IReadOnlyList<KeyValuePair<string, string>> pixelParameters,
        IReadOnlyList<KeyValuePair<string, string>> forwardParameters,
        string seed,
        bool hasExplicitSeed,
        bool isPrivate,
        string key,
        string partition,
        string partitionDescription)
    {
        Prompt = prompt;
        CanonicalPrompt = canonicalPrompt;
        PixelParameters = pixelParameters;
        ForwardParameters = forwardParameters;
        Seed = seed;
        HasExplicitSeed = hasExplicitSeed;
        IsPrivate = isPrivate;
        Key = key;
        Partition = partition;
        PartitionDescription = partitionDescription;
    }

    /// <summary>The prompt as the client sent it (decoded).</summary>
    public string Prompt { get; }

    /// <summary>NFC-normalised, whitespace collapsed and trimmed: what is keyed, embedded and stored.</summary>
    public string CanonicalPrompt { get; }

    /// <summary>Every parameter that can change the pixels, defaults applied, sorted by name (seed included).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> PixelParameters { get; }

    /// <summary>
    /// Parameters as they go to the origin: the client's own, credentials included. Never stored or logged.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, string>> ForwardParameters { get; }

    public string Seed { get; }

    public bool HasExplicitSeed { get; }

    /// <summary><c>private=true</c>: neither stored nor served from the shared cache.</summary>
    public bool IsPrivate { get; }

    /// <summary>Hex SHA-256 of the canonical prompt and pixel parameters: the exact-tier key.</summary>
    public string Key { get; }

    /// <summary>Hex SHA-256 of the partition description: semantic matches never leave it.</summary>
    public string Partition { get; }

    /// <summary>Readable form of the partition (pixel parameters except the prompt, seed per policy).</summary>
    public string PartitionDescription { get; }

    public string? GetParameter(string name)
    {
        foreach (var (k, v) in PixelParameters)
        {
            if (k == name)
            {
                return v;
            }
        }

        return null;
    }
}
