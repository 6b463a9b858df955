using Microsoft.Extensions.DependencyInjection;
using SemCache.Core.Storage;
using SemCache.Server.Hosting;
using SemCache.Server.Maintenance;
using SemCache.Tests.Infrastructure;

namespace SemCache.Tests.Maintenance;

/// <summary>The evictor as the server runs it: on its own timer, counted in the metrics, validated at start.</summary>
public sealed class EvictionServiceTests : IDisposable
{
    private readonly TempDirectory _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task The_running_server_evicts_on_its_interval_and_exports_the_count()
    {
        await using var server = await CacheServer.StartAsync(_data.Path, configure: s => s with
        {
            Eviction = new EvictionSettings { MaxEntries = 1, Interval = TimeSpan.FromMilliseconds(200) },
        });
        var first = await server.GetAsync("/prompt/" + Uri.EscapeDataString("a red fox in the snow"));
        Assert.True(await server.WaitUntilIndexedAsync(first.Headers.GetValues("X-Cache-Key").Single(), TimeSpan.FromSeconds(20)));
        var second = await server.GetAsync("/prompt/" + Uri.EscapeDataString("a bowl of ramen on a wooden table"));
        Assert.Equal("MISS", second.Headers.GetValues("X-Cache").Single());
        var newer = second.Headers.GetValues("X-Cache-Key").Single();

        // Waits for the outcome (the older entry gone, the count exported), never for a duration.
        var store = server.Services.GetRequiredService<IImageStore>();
        var text = string.Empty;
        var remaining = new List<string>();
        for (var i = 0; i < 300 && !(text.Contains("semcache_evictions", StringComparison.Ordinal) && remaining.SequenceEqual([newer])); i++)
        {
            await Task.Delay(100);
            text = await server.Client.GetStringAsync("/metrics");
            remaining.Clear();
            await foreach (var entry in store.ListEntriesAsync())
            {
                remaining.Add(entry.Key);
            }
        }

        // The store first: it tells an eviction that never ran from a count that was not exported.
        Assert.Equal([newer], remaining);
        Assert.Contains("semcache_evictions", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Negative_limits_and_a_zero_interval_are_rejected_with_the_setting_named()
    {
        var errors = new SemCacheSettings
        {
            Eviction = new EvictionSettings { MaxBytes = -1, Ttl = TimeSpan.FromHours(-1), Interval = TimeSpan.Zero },
        }.Validate();

        Assert.Contains(errors, e => e.StartsWith("Eviction: MaxBytes", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Eviction:Ttl", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Eviction:Interval", StringComparison.Ordinal));
        Assert.Empty(new SemCacheSettings { Eviction = new EvictionSettings { MaxEntries = 10 } }.Validate());
    }
}
