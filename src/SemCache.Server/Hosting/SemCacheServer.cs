using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Metrics;
using SemCache.Server.Dashboard;
using SemCache.Server.Diagnostics;
using SemCache.Server.Endpoints;

namespace SemCache.Server.Hosting;

/// <summary>Builds the semcache web application from validated settings. The CLI and the tests both start it here.</summary>
public static class SemCacheServer
{
    /// <param name="settings">Validated settings (see <see cref="SemCacheSettings.Validate"/>).</param>
    /// <param name="configureServices">Replaces registrations after the defaults (tests inject origins and a shared embedder).</param>
    public static WebApplication Build(SemCacheSettings settings, Action<IServiceCollection>? configureServices = null, Action<ILoggingBuilder>? configureLogging = null)
    {
        var errors = settings.Validate();
        if (errors.Count > 0)
        {
            throw new InvalidOperationException("Invalid configuration:\n  " + string.Join("\n  ", errors));
        }

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseUrls($"http://{FormatHost(settings.Host)}:{settings.Port}");
        builder.Logging.ClearProviders();
        if (configureLogging is null)
        {
            builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
            builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        }
        else
        {
            configureLogging(builder.Logging);
        }

        // ASP.NET Core's own request lines carry the query string, and with it the client's token: never log them.
        // semcache writes its own request line (SemCache.Requests) without the query.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.AspNetCore.Routing", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.AspNetCore.Http.Result", LogLevel.Warning);

        builder.Services.AddSemCache(settings);
        builder.Services.AddHostedService<BackendStartup>();
        configureServices?.Invoke(builder.Services);

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseRateLimiter();
        app.MapImageEndpoints(settings.RateLimit.PermitsPerMinute > 0);
        app.MapExplainEndpoint(settings.RateLimit.PermitsPerMinute > 0);
        app.MapOpenAiImagesEndpoint(settings.RateLimit.PermitsPerMinute > 0);
        app.MapDashboard(settings.Admin);
        app.MapAdminEndpoints(settings);
        app.MapHealthEndpoint();
        app.MapPrometheusScrapingEndpoint("/metrics");
        _ = app.Services.GetRequiredService<CacheGauges>();

        // Create the store and the index now, so a bad setting fails here; the index connects in BackendStartup.
        _ = app.Services.GetRequiredService<SemCache.Core.Storage.IImageStore>();
        _ = app.Services.GetRequiredService<SemCache.Core.Index.IVectorIndex>();
        return app;
    }

    private static string FormatHost(string host) => host.Contains(':', StringComparison.Ordinal) && !host.StartsWith('[') ? $"[{host}]" : host;
}
