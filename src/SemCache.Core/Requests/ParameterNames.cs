namespace SemCache.Core.Requests;

/// <summary>The Pollinations query parameters semcache understands, and how each takes part in keys.</summary>
public static class ParameterNames
{
    public const string Model = "model";
    public const string Width = "width";
    public const string Height = "height";
    public const string Seed = "seed";
    public const string NegativePrompt = "negative_prompt";
    public const string Enhance = "enhance";
    public const string NoLogo = "nologo";
    public const string Private = "private";
    public const string NoFeed = "nofeed";
    public const string Safe = "safe";
    public const string Quality = "quality";
    public const string Image = "image";
    public const string Transparent = "transparent";
    public const string GuidanceScale = "guidance_scale";
    public const string Referrer = "referrer";
    public const string Token = "token";

    /// <summary>Parameters that never change the pixels: left out of the key and the partition.</summary>
    public static readonly IReadOnlySet<string> NonPixel = new HashSet<string>(StringComparer.Ordinal)
    {
        Token, Referrer, "referer", NoFeed, "no-cache", Private,
    };

    /// <summary>Boolean switches and the value they take when absent.</summary>
    public static readonly IReadOnlyDictionary<string, bool> Booleans = new Dictionary<string, bool>(StringComparer.Ordinal)
    {
        [Enhance] = false,
        [NoLogo] = false,
        [Safe] = false,
        [Transparent] = false,
        [Private] = false,
        [NoFeed] = false,
    };

    public static readonly IReadOnlySet<string> Qualities = new HashSet<string>(StringComparer.Ordinal)
    {
        "low", "medium", "high", "hd",
    };

    /// <summary>
    /// True for a parameter that carries a credential: forwarded to the origin, never keyed, stored or logged.
    /// Unknown names that look like secrets are treated the same way, so a client's key never lands in metadata.
    /// </summary>
    public static bool IsCredential(string name)
    {
        if (name is Token or Referrer or "referer")
        {
            return true;
        }

        var lower = name.ToLowerInvariant();
        return lower.Contains("token", StringComparison.Ordinal)
            || lower.Contains("secret", StringComparison.Ordinal)
            || lower.Contains("password", StringComparison.Ordinal)
            || lower.Contains("apikey", StringComparison.Ordinal)
            || lower.Contains("api_key", StringComparison.Ordinal)
            || lower.Contains("auth", StringComparison.Ordinal)
            || lower is "key" or "sig" or "signature";
    }
}
