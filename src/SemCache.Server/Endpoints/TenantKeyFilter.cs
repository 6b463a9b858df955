using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using SemCache.Server.Hosting;

namespace SemCache.Server.Endpoints;

/// <summary>
/// The tenant API-key check of every image route, in one place. With keys configured, a request without a valid key
/// is refused (401, in the route's own error shape) before the endpoint runs; otherwise the endpoint reads the
/// resolved tenant with <see cref="TenantOf"/>. Without keys, every request is tenant-less.
/// </summary>
public sealed class TenantKeyFilter(bool acceptBearer, Func<HttpContext, IResult> refuse) : IEndpointFilter
{
    private static readonly object TenantItem = new();

    /// <summary>The tenant the filter resolved for this request; null when no keys are configured.</summary>
    public static string? TenantOf(HttpContext context) => context.Items.TryGetValue(TenantItem, out var tenant) ? tenant as string : null;

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var tenants = http.RequestServices.GetRequiredService<TenantSettings>();
        if (tenants.ApiKeys.Count > 0)
        {
            var tenant = tenants.Resolve(http.Request.Headers[TenantSettings.Header].FirstOrDefault() ?? (acceptBearer ? Bearer(http) : null));
            if (tenant is null)
            {
                return refuse(http);
            }

            http.Items[TenantItem] = tenant;
        }

        return await next(context);
    }

    private static string? Bearer(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.Ordinal) ? header[7..].Trim() : null;
    }
}

/// <summary>Adds <see cref="TenantKeyFilter"/> to a route.</summary>
public static class TenantKeyFilterExtensions
{
    /// <summary>The key in the X-Api-Key header; refused as an RFC 7807 problem.</summary>
    public static RouteHandlerBuilder RequireTenantKey(this RouteHandlerBuilder route) =>
        route.AddEndpointFilter(new TenantKeyFilter(acceptBearer: false, context =>
        {
            context.Response.Headers.WWWAuthenticate = "ApiKey header=\"X-Api-Key\"";
            return Results.Problem(
                title: "API key required",
                detail: $"Send a valid key in the {TenantSettings.Header} header.",
                statusCode: StatusCodes.Status401Unauthorized);
        }));

    /// <summary>The key as OpenAI clients send it (Authorization: Bearer) or in X-Api-Key; refused in OpenAI's error shape.</summary>
    public static RouteHandlerBuilder RequireTenantKeyOrBearer(this RouteHandlerBuilder route, Func<HttpContext, IResult> refuse) =>
        route.AddEndpointFilter(new TenantKeyFilter(acceptBearer: true, refuse));
}
