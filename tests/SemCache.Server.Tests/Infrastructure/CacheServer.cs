using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SemCache.Core.Embedding;
using SemCache.Core.Index;
using SemCache.Core.Origin;
using SemCache.Origin;
using SemCache.Server.Hosting;

namespace SemCache.Tests.Infrastructure;

/// <summary>
/// A real semcache server on a free loopback port, over a data directory that outlives restarts, with a counting
/// origin (the demo renderer unless a test gives another) and the real MiniLM embedder.
/// </summary>
public sealed class CacheServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private CacheServer(WebApplication app, CountingOrigin origin, ListLoggerProvider logs, string dataDirectory)
    {
        _app = app;
        Origin = origin;
        Logs = logs;
        DataDirectory = dataDirectory;
        var url = app.Urls.First();
        Client = new HttpClient { BaseAddress = new Uri(url) };
    }

    public HttpClient Client { get; }

    public CountingOrigin Origin { get; }

    public ListLoggerProvider Logs { get; }

    public string DataDirectory { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<CacheServer> StartAsync(string dataDirectory, IImageOrigin? origin = null, Func<SemCacheSettings, SemCacheSettings>? configure = null)
    {
        var settings = new SemCacheSettings { Data = dataDirectory, Port = 0, DemoDelayMs = 0 };
        settings = configure?.Invoke(settings) ?? settings;
        var counting = new CountingOrigin(origin ?? new DemoOrigin(new DemoOriginOptions()));
        var logs = new ListLoggerProvider();
        var app = SemCacheServer.Build(
            settings,
            services =>
            {
                services.AddSingleton<IImageOrigin>(counting);
                services.AddSingleton(SharedEmbedder.Instance);
                services.AddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(SharedEmbedder.Instance);
                services.AddSingleton<IPromptCoverage>(SharedEmbedder.Instance);
            },
            logging => logging.AddProvider(logs).SetMinimumLevel(LogLevel.Debug));
        await app.StartAsync();
        return new CacheServer(app, counting, logs, dataDirectory);
    }

    public Task<HttpResponseMessage> GetAsync(string promptPath, string? etag = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, promptPath);
        if (etag is not null)
        {
            request.Headers.IfNoneMatch.Add(new EntityTagHeaderValue(etag));
        }

        return Client.SendAsync(request);
    }

    /// <summary>Waits until the key is in the vector index (the background indexer has run), up to the limit.</summary>
    public async Task<bool> WaitUntilIndexedAsync(string key, TimeSpan limit)
    {
        var index = Services.GetRequiredService<IVectorIndex>();
        var deadline = DateTime.UtcNow + limit;
        while (DateTime.UtcNow < deadline)
        {
            if (await index.ContainsAsync(key))
            {
                return true;
            }

            await Task.Delay(10);
        }

        return await index.ContainsAsync(key);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
