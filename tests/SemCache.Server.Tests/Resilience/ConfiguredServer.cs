using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SemCache.Core.Embedding;
using SemCache.Origin;
using SemCache.Server.Hosting;
using SemCache.Tests.Infrastructure;

namespace SemCache.Tests.Resilience;

/// <summary>
/// A real semcache server whose origin comes from its settings alone (e.g. <c>Origin=http://127.0.0.1:port</c>, so
/// the shipped HttpImageOrigin with its timeouts, retries and breaker is what runs). Only the embedder is shared.
/// </summary>
public sealed class ConfiguredServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ConfiguredServer(WebApplication app)
    {
        _app = app;
        Client = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
    }

    public HttpClient Client { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>
    /// Short enough that hanging origins keep the suite fast, long enough that a healthy first call (new connection,
    /// cold JIT) on a loaded CI machine is never taken for a timeout.
    /// </summary>
    public static readonly TimeSpan OriginTimeout = TimeSpan.FromMilliseconds(1500);

    /// <summary>Settings for a fake origin: <see cref="OriginTimeout"/>, no retries (tests that want them turn them on), no rate limit.</summary>
    public static SemCacheSettings SettingsFor(string data, Uri origin) => new()
    {
        Data = data,
        Port = 0,
        Origin = origin.GetLeftPart(UriPartial.Authority),
        OriginHttp = new HttpOriginOptions { BaseUrl = origin, ConnectTimeout = TimeSpan.FromSeconds(2), TotalTimeout = OriginTimeout, MaxRetries = 0 },
        RateLimit = new RateLimitSettings { PermitsPerMinute = 0 },
    };

    /// <param name="logs">Receives every line from Information up; without it only warnings are kept.</param>
    public static async Task<ConfiguredServer> StartAsync(SemCacheSettings settings, ILoggerProvider? logs = null)
    {
        var app = SemCacheServer.Build(
            settings,
            services =>
            {
                services.AddSingleton(SharedEmbedder.Instance);
                services.AddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(SharedEmbedder.Instance);
                services.AddSingleton<IPromptCoverage>(SharedEmbedder.Instance);
            },
            logging =>
            {
                logging.SetMinimumLevel(logs is null ? LogLevel.Warning : LogLevel.Information);
                if (logs is not null)
                {
                    logging.AddProvider(logs);
                }
            });
        await app.StartAsync();
        return new ConfiguredServer(app);
    }

    public Task<HttpResponseMessage> GetAsync(string path) => Client.GetAsync(path);

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
