using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;

namespace SemCache.Tests.Resilience;

/// <summary>The behaviours of <see cref="FakeOrigin"/>: a good image and each way an origin goes wrong.</summary>
public static class OriginFaults
{
    /// <summary>A valid PNG that depends on the prompt.</summary>
    public static Task Image(HttpContext context, int call) => WriteAsync(context, 200, "image/png", TestPng.For(Prompt(context)));

    /// <summary>The same image bytes whatever the prompt (e.g. a known placeholder).</summary>
    public static Func<HttpContext, int, Task> Fixed(byte[] bytes) => (context, _) => WriteAsync(context, 200, "image/png", bytes);

    public static Func<HttpContext, int, Task> Status(int status) =>
        (context, _) => WriteAsync(context, status, "text/plain", Encoding.UTF8.GetBytes($"origin says {status}"));

    /// <summary>A 200 HTML error page, as CDNs send when rate limiting.</summary>
    public static Task Html(HttpContext context, int call) =>
        WriteAsync(context, 200, "text/html", Encoding.UTF8.GetBytes("<!DOCTYPE html><html><body>Too many requests</body></html>"));

    /// <summary>Answers after <paramref name="delay"/> (or never, for an infinite delay).</summary>
    public static Func<HttpContext, int, Task> Slow(TimeSpan delay) => async (context, call) =>
    {
        try
        {
            await Task.Delay(delay, context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            return; // the cache gave up: nobody to answer
        }

        await Image(context, call);
    };

    public static Func<HttpContext, int, Task> Hang => Slow(Timeout.InfiniteTimeSpan);

    /// <summary>Headers and half the body arrive, then nothing more while the connection stays open.</summary>
    public static async Task Stall(HttpContext context, int call)
    {
        var bytes = TestPng.For(Prompt(context));
        context.Response.StatusCode = 200;
        context.Response.ContentType = "image/png";
        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes.AsMemory(0, bytes.Length / 2));
        await context.Response.Body.FlushAsync();
        try
        {
            await Task.Delay(Timeout.Infinite, context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            // the cache gave up on the body
        }
    }

    /// <summary>Headers say N bytes; half arrive, then the connection is cut.</summary>
    public static async Task Truncated(HttpContext context, int call)
    {
        var bytes = TestPng.For(Prompt(context));
        context.Response.StatusCode = 200;
        context.Response.ContentType = "image/png";
        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes.AsMemory(0, bytes.Length / 2));
        await context.Response.Body.FlushAsync();
        context.Abort();
    }

    /// <summary>Closes the connection with a TCP reset before any response.</summary>
    public static Task Reset(HttpContext context, int call)
    {
        if (context.Features.Get<IConnectionSocketFeature>()?.Socket is Socket socket)
        {
            socket.LingerState = new LingerOption(true, 0); // close with RST, not FIN
        }

        context.Abort();
        return Task.CompletedTask;
    }

    /// <summary>The first <paramref name="failures"/> calls get <paramref name="status"/>, later ones an image.</summary>
    public static Func<HttpContext, int, Task> FailThenImage(int failures, int status) =>
        (context, call) => call <= failures ? Status(status)(context, call) : Image(context, call);

    public static string Prompt(HttpContext context)
    {
        var path = context.Request.Path.Value ?? string.Empty;
        return Uri.UnescapeDataString(path.StartsWith("/prompt/", StringComparison.Ordinal) ? path["/prompt/".Length..] : path);
    }

    private static async Task WriteAsync(HttpContext context, int status, string contentType, byte[] body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body);
    }
}
