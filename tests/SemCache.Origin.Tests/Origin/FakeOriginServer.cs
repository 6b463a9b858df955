using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace SemCache.Tests.Origin;

/// <summary>
/// A real Kestrel server on 127.0.0.1 with a random port whose behaviour each test scripts: the handler receives the
/// request and the 1-based number of the call, so "503 then 200" style faults are easy to express.
/// </summary>
internal sealed class FakeOriginServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<string> _targets = new();
    private int _calls;

    private FakeOriginServer(WebApplication app) => _app = app;

    public Uri BaseUrl { get; private set; } = null!;

    public int Calls => Volatile.Read(ref _calls);

    /// <summary>Raw request targets (path and query, as sent on the wire) in arrival order.</summary>
    public IReadOnlyCollection<string> Targets => _targets;

    public static async Task<FakeOriginServer> StartAsync(Func<HttpContext, int, Task> handler)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();

        // Handlers that hang end when the client leaves; anything left must not hold the test up.
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(1));
        var app = builder.Build();
        var server = new FakeOriginServer(app);
        app.Run(context =>
        {
            var call = Interlocked.Increment(ref server._calls);
            server._targets.Enqueue(context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget);
            return handler(context, call);
        });
        await app.StartAsync();
        server.BaseUrl = new Uri(app.Urls.Single());
        return server;
    }

    /// <summary>Waits until the client goes away, as a generator that never answers would.</summary>
    public static async Task HangAsync(HttpContext context)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
