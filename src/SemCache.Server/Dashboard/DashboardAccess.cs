using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace SemCache.Server.Dashboard;

/// <summary>
/// Who may see the dashboard. With Admin:Token set: a request with <c>Authorization: Bearer &lt;token&gt;</c>, or a
/// browser that opened <c>/dashboard?token=&lt;token&gt;</c> once (it gets an HttpOnly cookie and a redirect that drops
/// the token from the address bar). Without a token: loopback clients only, since the page shows users' prompts.
/// </summary>
public sealed class DashboardAccess
{
    public const string CookieName = "semcache_dashboard";

    private readonly byte[]? _expected;
    private readonly string? _cookieValue;

    public DashboardAccess(string? adminToken)
    {
        if (string.IsNullOrEmpty(adminToken))
        {
            return;
        }

        _expected = Hash(adminToken);

        // The cookie carries a value derived from the token, not the token: it opens the dashboard and nothing else.
        _cookieValue = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("semcache-dashboard-cookie-v1\n" + adminToken)));
    }

    public bool TokenRequired => _expected is not null;

    /// <summary>True when the token given in a query parameter is right (the caller then sets the cookie).</summary>
    public bool IsToken(string? given) => _expected is not null && given is not null && CryptographicOperations.FixedTimeEquals(Hash(given), _expected);

    public string? CookieValue => _cookieValue;

    public bool IsAllowed(HttpContext context)
    {
        if (_expected is null)
        {
            return context.Connection.RemoteIpAddress is { } ip && IPAddress.IsLoopback(ip);
        }

        var header = context.Request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.Ordinal) && IsToken(header[7..].Trim()))
        {
            return true;
        }

        return context.Request.Cookies.TryGetValue(CookieName, out var cookie)
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(cookie), Encoding.UTF8.GetBytes(_cookieValue!));
    }

    // Hash both sides so a comparison takes the same time whatever the length or content of the guess.
    private static byte[] Hash(string value) => SHA256.HashData(Encoding.UTF8.GetBytes(value));
}
