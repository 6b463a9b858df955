using System.Security.Cryptography;
using System.Text;

namespace SemCache.Server.Hosting;

/// <summary>
/// Optional tenant isolation (section "Tenants"). With API keys configured, every image request must carry one in the
/// <c>X-Api-Key</c> header; each key's entries live in their own namespace (key and partition) and are never served to
/// another key. Without keys, everyone shares one cache.
/// </summary>
public sealed record TenantSettings
{
    /// <summary>API key to tenant name. Put it in the environment (SEMCACHE__TENANTS__APIKEYS__&lt;key&gt;=name), not in a file.</summary>
    public IReadOnlyDictionary<string, string> ApiKeys { get; init; } = new Dictionary<string, string>();

    public const string Header = "X-Api-Key";

    /// <summary>The tenant of a presented key, compared in constant time; null when unknown.</summary>
    public string? Resolve(string? presented)
    {
        if (presented is null)
        {
            return null;
        }

        var given = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        string? tenant = null;
        foreach (var (key, name) in ApiKeys)
        {
            // Look at every key so the time taken does not tell which one nearly matched.
            if (CryptographicOperations.FixedTimeEquals(given, SHA256.HashData(Encoding.UTF8.GetBytes(key))))
            {
                tenant = name;
            }
        }

        return tenant;
    }
}
