using Microsoft.Extensions.DependencyInjection;
using SemCache.Index;
using SemCache.Index.Embedded;
using SemCache.Origin;
using SemCache.Storage;
using SemCache.Storage.Files;

namespace SemCache.Server.Hosting;

/// <summary>Registers the configured store, index and origin.</summary>
internal static class Backends
{
    public static void Add(IServiceCollection services, SemCacheSettings settings)
    {
        switch (settings.Store)
        {
            default:
                services.AddSingleton<IImageStore>(_ => new FileImageStore(Path.Combine(settings.Data, "images")));
                break;
        }

        switch (settings.Index)
        {
            default:
                services.AddSingleton<IVectorIndex>(_ => EmbeddedVectorIndex.Open(Path.Combine(settings.Data, "index")));
                break;
        }

        if (settings.Origin == "demo")
        {
            services.AddDemoImageOrigin(new DemoOriginOptions { Delay = TimeSpan.FromMilliseconds(settings.DemoDelayMs) });
        }
        else if (settings.OriginKind == "openai")
        {
            services.AddOpenAiImageOrigin(new OpenAiOriginOptions
            {
                Http = settings.OriginHttp.ToOptions(new Uri(settings.Origin.TrimEnd('/'))),
                ApiKeyEnvironmentVariable = string.IsNullOrWhiteSpace(settings.OriginKeyEnv) ? null : settings.OriginKeyEnv,
                Model = settings.OriginModel,
            });
        }
        else
        {
            services.AddHttpImageOrigin(settings.OriginHttp.ToOptions(new Uri(settings.Origin.TrimEnd('/'))));
        }
    }
}
