namespace SemCache.Origin;

/// <summary>Settings of <see cref="OpenAiImageOrigin"/>. See docs/origins.md.</summary>
public sealed record OpenAiOriginOptions
{
    /// <summary>
    /// Base address (e.g. <c>https://api.openai.com</c>; the origin appends <c>/v1/images/generations</c>) with the
    /// same timeout, retry, body-size and breaker settings as the Pollinations origin.
    /// </summary>
    public required HttpOriginOptions Http { get; init; }

    /// <summary>
    /// Name of the environment variable holding the API key (default <c>OPENAI_API_KEY</c>); read once at start-up
    /// so the key never sits in a configuration file. Null for a local server that needs no key.
    /// </summary>
    public string? ApiKeyEnvironmentVariable { get; init; } = "OPENAI_API_KEY";

    /// <summary>
    /// The model sent for every request (e.g. <c>dall-e-3</c>). Null sends the request's own <c>model</c> parameter,
    /// which suits servers that accept Pollinations model names.
    /// </summary>
    public string? Model { get; init; }

    /// <summary>
    /// Also send <c>seed</c> and <c>negative_prompt</c> (default false): many compatible servers honour them, while
    /// OpenAI's own API rejects unknown fields.
    /// </summary>
    public bool SendSeedAndNegativePrompt { get; init; }

    /// <summary>Every invalid setting, named; empty when the options can be used.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Http is null)
        {
            errors.Add($"{nameof(Http)} is required.");
        }
        else
        {
            errors.AddRange(Http.Validate());
        }

        if (ApiKeyEnvironmentVariable is not null
            && (ApiKeyEnvironmentVariable.Length == 0 || !ApiKeyEnvironmentVariable.All(c => char.IsAsciiLetterOrDigit(c) || c == '_')))
        {
            errors.Add($"{nameof(ApiKeyEnvironmentVariable)} must be a variable name (letters, digits, underscores) or null.");
        }

        if (Model is not null && string.IsNullOrWhiteSpace(Model))
        {
            errors.Add($"{nameof(Model)} must be null or a model name.");
        }

        return errors;
    }
}
