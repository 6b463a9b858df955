using Microsoft.Extensions.DependencyInjection;
using SemCache.Core.Index;
using SemCache.Core.Storage;
using SemCache.Index.Embedded;
using SemCache.Index.Postgres;
using SemCache.Origin;
using SemCache.Storage;
using SemCache.Storage.Files;
using SemCache.Storage.S3;

namespace SemCache.Server.Hosting;

/// <summary>Registers the configured store, index and origin.</summary>
internal static class Backends
{
    public static void Add(IServiceCollection services, SemCacheSettings settings)
    {
        switch (settings.Store)
        {
            case StoreKind.S3:
                services.AddSingleton<IImageStore>(_ => Hot(settings, new S3ImageStore(settings.S3)));
                break;
            default:
                services.AddSingleton<IImageStore>(_ => Hot(settings, new FileImageStore(Path.Combine(settings.Data, "images"))));
                break;
        }

        switch (settings.Index)
        {
            case IndexKind.Postgres:
                // Created without I/O; the migrations (under an advisory lock) run asynchronously in BackendStartup,
                // before serving, or before the first operation of a command that has no host.
                services.AddSingleton<IVectorIndex>(_ => PostgresVectorIndex.Create(settings.Postgres));
                break;
            default:
                services.AddSingleton<IVectorIndex>(_ => EmbeddedVectorIndex.Open(Path.Combine(settings.Data, "index"), settings.EmbeddedSearch));
                break;
        }

        // Opened with the index: a wrong connection string fails at start-up, and the tables are migrated together.
        services.AddSingleton<global::SemCache.Core.Review.IReviewStore>(_ => ReviewStores.Create(settings));

        if (settings.Origin == "demo")
        {
            services.AddDemoImageOrigin(new DemoOriginOptions { Delay = TimeSpan.FromMilliseconds(settings.DemoDelayMs) });
        }
        else if (settings.OriginKind == OriginKind.OpenAi)
        {
            services.AddOpenAiImageOrigin(new OpenAiOriginOptions
            {
                Http = settings.HttpOrigin(),
                ApiKeyEnvironmentVariable = string.IsNullOrWhiteSpace(settings.OriginKeyEnv) ? null : settings.OriginKeyEnv,
                Model = settings.OriginModel,
            });
        }
        else
        {
            services.AddHttpImageOrigin(settings.HttpOrigin());
        }
    }

    /// <summary>Puts the hot-image set in front of the store, unless it is turned off.</summary>
    private static IImageStore Hot(SemCacheSettings settings, IImageStore store) =>
        settings.HotImages.Bytes > 0 ? new HotImageStore(store, settings.HotImages.Bytes, TimeSpan.FromSeconds(settings.HotImages.EntrySeconds)) : store;
}
