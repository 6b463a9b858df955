using System.Net.Http.Json;
using System.Text.Json;
using SemCache.Tests.Infrastructure;

namespace SemCache.Tests.Dashboard;

/// <summary>GET /dashboard/data reflects the traffic the server has answered.</summary>
public sealed class DashboardFeedTests : IDisposable
{
    private readonly TempDirectory _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task Totals_series_gallery_and_partitions_follow_the_traffic()
    {
        await using var server = await CacheServer.StartAsync(_data.Path);
        var miss = await server.GetAsync("/prompt/a%20red%20fox%20in%20the%20snow");
        await server.GetAsync("/prompt/a%20red%20fox%20in%20the%20snow");
        Assert.True(await server.WaitUntilIndexedAsync(miss.Headers.GetValues("X-Cache-Key").Single(), TimeSpan.FromSeconds(10)));
        var semantic = await server.GetAsync("/prompt/A%20red%20fox%20in%20the%20snow.");
        Assert.Equal("SEMANTIC", semantic.Headers.GetValues("X-Cache-Type").Single());
        await server.GetAsync("/prompt/a%20blue%20whale?width=512");

        using var doc = JsonDocument.Parse(await server.Client.GetStringAsync("/dashboard/data"));
        var root = doc.RootElement;
        var totals = root.GetProperty("totals");
        Assert.Equal(4, totals.GetProperty("requests").GetInt64());
        Assert.Equal(1, totals.GetProperty("exact_hits").GetInt64());
        Assert.Equal(1, totals.GetProperty("semantic_hits").GetInt64());
        Assert.Equal(2, totals.GetProperty("misses").GetInt64());
        Assert.Equal(0.5, totals.GetProperty("hit_rate").GetDouble(), 3);

        // The chart series count the same requests, and only this server's (tests run several in one process).
        var series = root.GetProperty("series").EnumerateArray().ToList();
        Assert.Equal(4, series.Sum(p => p.GetProperty("requests").GetInt64()));
        Assert.Equal(2, series.Sum(p => p.GetProperty("misses").GetInt64()));
        Assert.Contains(series, p => p.GetProperty("miss_ms").ValueKind == JsonValueKind.Number);

        var hit = Assert.Single(root.GetProperty("recent_semantic_hits").EnumerateArray());
        Assert.Equal("A red fox in the snow.", hit.GetProperty("prompt").GetString());
        Assert.Equal("a red fox in the snow", hit.GetProperty("matched_prompt").GetString());
        Assert.InRange(hit.GetProperty("similarity").GetSingle(), 0.5f, 1f);
        var image = await server.Client.GetAsync(hit.GetProperty("image").GetString());
        Assert.Equal("image/png", image.Content.Headers.ContentType?.MediaType);

        var whale = await server.Client.GetFromJsonAsync<JsonElement>("/explain/a%20blue%20whale?width=512");
        Assert.True(await server.WaitUntilIndexedAsync(whale.GetProperty("key").GetString()!, TimeSpan.FromSeconds(10)));
        using var after = JsonDocument.Parse(await server.Client.GetStringAsync("/dashboard/data"));
        var partitions = after.RootElement.GetProperty("partitions").EnumerateArray().ToList();
        Assert.Equal(2, partitions.Count);
        Assert.All(partitions, p => Assert.Equal(1, p.GetProperty("entries").GetInt64()));
        Assert.Contains(partitions, p => p.GetProperty("description").GetString()?.Contains("width=1024", StringComparison.Ordinal) == true);
    }
}
