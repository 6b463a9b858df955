using System.Globalization;
using System.Net;
using SemCache.Core.Origin;
using SemCache.Tests.Infrastructure;

namespace SemCache.Tests;

/// <summary>Server-Timing on every answer names the parts that request went through, each with a duration.</summary>
public sealed class ServerTimingTests : IDisposable
{
    private readonly TempDirectory _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task Each_outcome_names_its_parts()
    {
        await using var server = await CacheServer.StartAsync(_data.Path);

        var miss = await server.GetAsync("/prompt/a%20red%20fox%20in%20the%20snow");
        Assert.Equal("MISS", miss.Headers.GetValues("X-Cache").Single());
        Assert.Equal(["store", "embed", "search", "decide", "origin", "total"], Parts(miss).Keys);
        Assert.True(await server.WaitUntilIndexedAsync(miss.Headers.GetValues("X-Cache-Key").Single(), TimeSpan.FromSeconds(10)));

        var exact = await server.GetAsync("/prompt/a%20red%20fox%20in%20the%20snow");
        Assert.Equal("EXACT", exact.Headers.GetValues("X-Cache-Type").Single());
        Assert.Equal(["store", "total"], Parts(exact).Keys);

        var semantic = await server.GetAsync("/prompt/A%20red%20fox%20in%20the%20snow.");
        Assert.Equal("SEMANTIC", semantic.Headers.GetValues("X-Cache-Type").Single());
        var parts = Parts(semantic);
        Assert.Equal(["store", "embed", "search", "decide", "total"], parts.Keys);
        Assert.True(parts["embed"] > 0, "the embedding of a real prompt takes measurable time");
        Assert.True(parts["total"] >= parts["embed"] + parts["search"], "the total covers its parts");

        var revalidated = await server.GetAsync("/prompt/a%20red%20fox%20in%20the%20snow", exact.Headers.ETag!.Tag);
        Assert.Equal(HttpStatusCode.NotModified, revalidated.StatusCode);
        Assert.Equal(["store", "total"], Parts(revalidated).Keys);

        var bypass = await server.GetAsync("/prompt/a%20red%20fox%20in%20the%20snow?private=true");
        Assert.Equal("BYPASS", bypass.Headers.GetValues("X-Cache").Single());
        Assert.Equal(["origin", "total"], Parts(bypass).Keys);

        var unreadable = await server.GetAsync("/prompt/" + Uri.EscapeDataString("雪の中の赤い狐"));
        Assert.Equal("MISS", unreadable.Headers.GetValues("X-Cache").Single());
        Assert.Equal(["store", "decide", "origin", "total"], Parts(unreadable).Keys);
    }

    [Fact]
    public async Task An_origin_error_names_the_origin_time_too()
    {
        var origin = new ScriptedOrigin(_ => new OriginResponse(500, "text/plain", "boom"u8.ToArray(), TimeSpan.FromMilliseconds(40)));
        await using var server = await CacheServer.StartAsync(_data.Path, origin);
        var failed = await server.GetAsync("/prompt/a%20lighthouse%20at%20dusk");
        Assert.Equal(HttpStatusCode.BadGateway, failed.StatusCode);
        var parts = Parts(failed);
        Assert.Equal(["store", "embed", "search", "decide", "origin", "total"], parts.Keys);
        Assert.Equal(40, parts["origin"], 3);
    }

    /// <summary>The header's metrics in order, each name with its duration; fails on a metric without one.</summary>
    private static Dictionary<string, double> Parts(HttpResponseMessage response)
    {
        var header = response.Headers.GetValues("Server-Timing").Single();
        var parts = new Dictionary<string, double>();
        foreach (var metric in header.Split(',', StringSplitOptions.TrimEntries))
        {
            var fields = metric.Split(';', StringSplitOptions.TrimEntries);
            Assert.Equal(2, fields.Length);
            Assert.StartsWith("dur=", fields[1], StringComparison.Ordinal);
            var ms = double.Parse(fields[1][4..], NumberStyles.Float, CultureInfo.InvariantCulture);
            Assert.True(ms >= 0, metric);
            parts.Add(fields[0], ms);
        }

        return parts;
    }
}
