using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SemCache.Tests.Embedding;

/// <summary>
/// A real Kestrel server on 127.0.0.1 that speaks POST /v1/embeddings. It answers each input with
/// <see cref="VectorFor"/>, lists the data in reverse order (so clients must use index), and can be scripted to fail.
/// </summary>
public sealed class FakeEmbeddingServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Func<HttpContext, Task>> _script = new();

    private FakeEmbeddingServer(WebApplication app) => _app = app;

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    public Uri BaseAddress { get; private set; } = null!;

    public static async Task<FakeEmbeddingServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var server = new FakeEmbeddingServer(builder.Build());
        server._app.Run(server.HandleAsync);
        await server._app.StartAsync();
        var address = server._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        server.BaseAddress = new Uri(address);
        return server;
    }

    /// <summary>The next request gets this answer instead of embeddings.</summary>
    public void Then(Func<HttpContext, Task> answer) => _script.Enqueue(answer);

    public void ThenStatus(int status, string body = "", string? retryAfter = null) => Then(async context =>
    {
        context.Response.StatusCode = status;
        if (retryAfter is not null)
        {
            context.Response.Headers.RetryAfter = retryAfter;
        }

        await context.Response.WriteAsync(body);
    });

    /// <summary>A vector nobody else would compute by accident: a text hash, the length and the first character.</summary>
    public static float[] VectorFor(string text)
    {
        var hash = 0;
        foreach (var c in text)
        {
            hash = ((hash * 31) + c) % 10007;
        }

        return [hash, text.Length, text.Length == 0 ? 0 : text[0]];
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var body = await JsonDocument.ParseAsync(context.Request.Body);
        Requests.Enqueue(new RecordedRequest(context.Request.Path, context.Request.Headers.Authorization.FirstOrDefault(), body.RootElement.Clone()));
        if (_script.TryDequeue(out var scripted))
        {
            await scripted(context);
            return;
        }

        var inputs = body.RootElement.GetProperty("input").EnumerateArray().Select(e => e.GetString()!).ToArray();
        var data = inputs.Select((text, index) => new { @object = "embedding", index, embedding = VectorFor(text) }).Reverse();
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(JsonSerializer.Serialize(new { @object = "list", data, model = "fake" }));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
