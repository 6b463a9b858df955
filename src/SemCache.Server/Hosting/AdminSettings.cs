namespace SemCache.Server.Hosting;

/// <summary>Admin endpoints (/admin/*). With no token they are disabled (404), never open.</summary>
public sealed record AdminSettings
{
    /// <summary>Bearer token; set it through SEMCACHE__ADMIN__TOKEN rather than a file. Compared in constant time.</summary>
    public string? Token { get; init; }
}
