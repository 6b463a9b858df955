using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using SemCache.Server.Hosting;

namespace SemCache.Server.Dashboard;

/// <summary>
/// GET /dashboard (the page), GET /dashboard/data (its JSON feed) and GET /dashboard/assets/{name} (style and script,
/// which hold no data and are public). Access rules: <see cref="DashboardAccess"/>.
/// </summary>
public static class DashboardEndpoints
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static IEndpointRouteBuilder MapDashboard(this IEndpointRouteBuilder app, AdminSettings admin)
    {
        var access = new DashboardAccess(admin.Token);
        var assets = new DashboardAssets();

        // Start counting now, not at the first page view, so the charts cover the time before it.
        _ = app.ServiceProvider.GetRequiredService<RequestHistory>();

        app.MapGet("/dashboard", (HttpContext context) => Page(context, access, assets, "index.html"));
        app.MapGet("/dashboard/data", async (HttpContext context, DashboardFeed feed) =>
            access.IsAllowed(context) ? Results.Json(await feed.BuildAsync(context.RequestAborted), Json) : Denied(access, json: true));
        app.MapGet("/dashboard/assets/{name}", (string name, HttpContext context) => Asset(context, assets, name));
        Review.ReviewEndpoints.Map(app, access, assets);
        return app;
    }

    /// <summary>An HTML page of the dashboard, after the token-for-cookie exchange and the access check.</summary>
    internal static IResult Page(HttpContext context, DashboardAccess access, DashboardAssets assets, string pageName)
    {
        var token = context.Request.Query["token"].ToString();
        if (access.TokenRequired && token.Length > 0)
        {
            if (!access.IsToken(token))
            {
                return Denied(access, json: false);
            }

            // Trade the token for a cookie and drop it from the address bar and the browser's history.
            context.Response.Cookies.Append(DashboardAccess.CookieName, access.CookieValue!, new CookieOptions
            {
                HttpOnly = true,
                SameSite = SameSiteMode.Strict,
                Secure = context.Request.IsHttps,
                Path = "/dashboard",
            });
            return Results.Redirect(context.Request.PathBase + context.Request.Path);
        }

        if (!access.IsAllowed(context))
        {
            return Denied(access, json: false);
        }

        assets.TryGet(pageName, out var page);
        var h = context.Response.Headers;
        h.CacheControl = "no-store";
        h["Content-Security-Policy"] = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
        h["X-Content-Type-Options"] = "nosniff";
        h["Referrer-Policy"] = "no-referrer";
        return Results.Bytes(page.Bytes, page.ContentType);
    }

    private static IResult Asset(HttpContext context, DashboardAssets assets, string name)
    {
        if (name.EndsWith(".html", StringComparison.Ordinal) || !assets.TryGet(name, out var asset))
        {
            return Results.NotFound();
        }

        context.Response.Headers.ETag = asset.ETag;
        context.Response.Headers.CacheControl = "no-cache"; // revalidate: a new server version brings new assets
        context.Response.Headers["X-Content-Type-Options"] = "nosniff";
        if (context.Request.Headers.IfNoneMatch.Any(v => v is not null && v.Contains(asset.ETag, StringComparison.Ordinal)))
        {
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }

        return Results.Bytes(asset.Bytes, asset.ContentType);
    }

    internal static IResult Denied(DashboardAccess access, bool json)
    {
        var (status, detail) = access.TokenRequired
            ? (StatusCodes.Status401Unauthorized, "Send Authorization: Bearer <Admin:Token>, or open /dashboard?token=<Admin:Token> once in the browser.")
            : (StatusCodes.Status403Forbidden, "Without Admin:Token the dashboard answers loopback clients only; set SEMCACHE__ADMIN__TOKEN to open it to others.");
        return json
            ? Results.Problem(title: "Dashboard access denied", detail: detail, statusCode: status)
            : Results.Text("semcache dashboard: " + detail + "\n", "text/plain; charset=utf-8", statusCode: status);
    }
}
