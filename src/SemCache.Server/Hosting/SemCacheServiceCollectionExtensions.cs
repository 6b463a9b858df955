using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.Metrics;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using SemCache.Core.Embedding;
using SemCache.Core.Requests;
using SemCache.Embedding;
using SemCache.Matching;
using SemCache.Server.Diagnostics;
using SemCache.Server.Pipeline;

namespace SemCache.Server.Hosting;

/// <summary>Registers the pipeline and the configured backends.</summary>
public static class SemCacheServiceCollectionExtensions
{
    /// <summary>The name OpenTelemetry's listener goes by in the metrics rules of Microsoft.Extensions.Diagnostics.</summary>
    private const string OpenTelemetryListenerName = "OpenTelemetry";

    public static IServiceCollection AddSemCache(this IServiceCollection services, SemCacheSettings settings)
    {
        services.AddProblemDetails();
        services.AddSingleton(settings);

        // The sections on their own, for the classes that read only one of them.
        services.AddSingleton(settings.Indexing);
        services.AddSingleton(settings.Review);
        services.AddSingleton(settings.Eviction);
        services.AddSingleton(settings.Tenants);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(new RequestParser(settings.Limits with { SeedPolicy = settings.SeedPolicy }));
        services.AddSingleton(new SemanticDecider(settings.Semantic));
        services.AddSingleton<ComponentHealth>();
        services.AddSingleton<PendingImages>();
        services.AddSingleton<CacheCounters>();

        services.AddSingleton<IPromptEmbedder>(_ => EmbedderFactory.Create(settings.Embedder, settings.Data));
        services.AddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(sp => sp.GetRequiredService<IPromptEmbedder>());
        services.AddSingleton<IPromptCoverage>(sp => sp.GetRequiredService<IPromptEmbedder>());
        Backends.Add(services, settings);

        services.AddSingleton<ExactTier>();
        services.AddSingleton<SemanticTier>();
        services.AddSingleton<OriginTier>();
        services.AddSingleton<UnindexedEntries>();
        services.AddSingleton<PersistenceQueue>();
        services.AddHostedService(sp => sp.GetRequiredService<PersistenceQueue>());
        services.AddHostedService<IndexReconciler>();
        services.AddHostedService<MatcherWarmup>();
        services.AddSingleton<HitRecorder>();
        services.AddHostedService(sp => sp.GetRequiredService<HitRecorder>());
        services.AddSingleton<Review.ReviewSummary>();
        services.AddSingleton<Review.ReviewMetrics>();
        services.AddSingleton<Review.PairRecorder>();
        services.AddHostedService(sp => sp.GetRequiredService<Review.PairRecorder>());
        services.AddSingleton<ImageCache>();
        services.AddSingleton<CacheExplainer>();
        services.AddSingleton<Endpoints.RequestReporter>();
        Dashboard.DashboardServiceCollectionExtensions.AddDashboard(services);
        services.AddSingleton<CacheGauges>().AddHostedService(sp => sp.GetRequiredService<CacheGauges>());
        services.AddSingleton<Maintenance.CachePurger>();
        services.AddSingleton<Maintenance.EntryIndexer>();
        services.AddSingleton<Maintenance.CacheEvictor>().AddHostedService(sp => sp.GetRequiredService<Maintenance.CacheEvictor>());
        services.AddClientRateLimit(settings.RateLimit);

        // Only this host's meters (MeterScope.Local: created by this container's IMeterFactory). OpenTelemetry's
        // AddMeter would also take every other host's meters of the same name in the process (tests, or an
        // application embedding two caches): each would report the others' counts, and a series shared with a host
        // that stops goes silent (open-telemetry/opentelemetry-dotnet#6412).
        services.AddMetrics(builder => builder
            .EnableMetrics(CacheCounters.MeterName, listenerName: OpenTelemetryListenerName, scopes: MeterScope.Local)
            .EnableMetrics(CacheCounters.MeterName + ".Gauges", listenerName: OpenTelemetryListenerName, scopes: MeterScope.Local));
        services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics.AddPrometheusExporter())
            .WithTracing(tracing =>
            {
                tracing.AddSource(SemCacheTelemetry.SourceName);

                // Traces leave the process only when an operator points them somewhere (standard OTLP variable).
                if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("OTEL_EXPORTER_OTLP_ENDPOINT")))
                {
                    tracing.AddOtlpExporter();
                }
            });
        return services;
    }
}
