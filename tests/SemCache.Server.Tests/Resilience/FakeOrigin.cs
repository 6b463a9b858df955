using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace SemCache.Tests.Resilience;

/// <summary>
/// A Pollinations-like origin on a loopback port whose behaviour a test sets (and may change between requests):
/// the cache talks to it over real HTTP through its configured HttpImageOrigin. Counts the calls it receives.
/// </summary>
public sealed class FakeOrigin : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _calls;

    private FakeOrigin(WebApplication app)
    {
        _app = app;
        Url = new Uri(app.Urls.First());
    }

    public Uri Url { get; }

    /// <summary>Called with the request and the 1-based number of the call.</summary>
    public Func<HttpContext, int, Task> Behaviour { get; set; } = OriginFaults.Image;

    public int Calls => Volatile.Read(ref _calls);

    public static async Task<FakeOrigin> StartAsync(Func<HttpContext, int, Task>? behaviour = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        FakeOrigin? fake = null;
        app.Run(context => fake!.Behaviour(context, Interlocked.Increment(ref fake._calls)));
        await app.StartAsync();
        fake = new FakeOrigin(app);
        if (behaviour is not null)
        {
            fake.Behaviour = behaviour;
        }

        return fake;
    }

    public async ValueTask DisposeAsync()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(stop.Token);
        await _app.DisposeAsync();
    }
}
