using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using SemCache.Core.Index;
using SemCache.Core.Storage;
using SemCache.Origin;
using SemCache.Server.Diagnostics;
using SemCache.Server.Hosting;
using SemCache.Server.Pipeline;
using SemCache.Tests.Infrastructure;
using Xunit.Abstractions;
using static SemCache.Tests.Resilience.CacheState;

namespace SemCache.Tests.Resilience;

/// <summary>
/// Bounded load on loopback: 16 clients for about 5 seconds (at most 400 new prompts), mixing repeats and new prompts
/// against the demo origin. Zero 5xx, and every miss ends up stored and indexed once the queues drain.
/// </summary>
public sealed class LoopbackLoadTests(ITestOutputHelper output) : IDisposable
{
    private const int Clients = 16;
    private const int MaxNewPrompts = 400;
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(5);

    private static readonly string[] Subjects = ["fox", "lighthouse", "teapot", "dragon", "bicycle", "cathedral", "octopus", "tractor"];
    private static readonly string[] Places = ["in a desert", "on the moon", "under the sea", "in a library", "on a rooftop"];

    private readonly TempDirectory _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task Sixteen_clients_for_five_seconds_get_no_5xx_and_lose_no_miss()
    {
        var origin = new DemoOrigin(new DemoOriginOptions { Delay = TimeSpan.FromMilliseconds(20) });
        await using var server = await CacheServer.StartAsync(_data.Path, origin, s => s with { RateLimit = new RateLimitSettings { PermitsPerMinute = 0 } });
        var statuses = new ConcurrentDictionary<int, int>();
        var outcomes = new ConcurrentDictionary<string, int>();
        var missKeys = new ConcurrentBag<string>();
        var newPrompts = 0;
        var clock = Stopwatch.StartNew();

        async Task ClientAsync(int client)
        {
            var random = new Random(client);
            while (clock.Elapsed < Duration)
            {
                // Two in five requests are new prompts while the budget lasts; the rest repeat a small pool.
                var fresh = random.Next(5) < 2 ? Interlocked.Increment(ref newPrompts) : int.MaxValue;
                var prompt = fresh <= MaxNewPrompts
                    ? $"{Subjects[fresh % Subjects.Length]} {Places[fresh % Places.Length]} with {fresh} stars"
                    : $"a {Subjects[random.Next(Subjects.Length)]} {Places[random.Next(2)]}";
                using var response = await server.GetAsync("/prompt/" + Uri.EscapeDataString(prompt) + "?width=256&height=256");
                statuses.AddOrUpdate((int)response.StatusCode, 1, (_, n) => n + 1);
                var outcome = Header(response, "X-Cache") + "/" + Header(response, "X-Cache-Type");
                outcomes.AddOrUpdate(outcome, 1, (_, n) => n + 1);
                if (response.StatusCode == HttpStatusCode.OK && Header(response, "X-Cache") == "MISS")
                {
                    missKeys.Add(Header(response, "X-Cache-Key"));
                }

                await response.Content.ReadAsByteArrayAsync();
            }
        }

        // The store queue's length is the window of answered-but-not-yet-written images (docs/operations.md).
        var queue = server.Services.GetRequiredService<PersistenceQueue>();
        var deepestQueue = 0;
        var load = Task.WhenAll(Enumerable.Range(0, Clients).Select(c => Task.Run(() => ClientAsync(c))));
        while (!load.IsCompleted)
        {
            deepestQueue = Math.Max(deepestQueue, queue.StoreQueueLength);
            await Task.WhenAny(load, Task.Delay(5));
        }

        await load;
        var elapsed = clock.Elapsed;
        var total = statuses.Values.Sum();
        output.WriteLine($"{total} requests in {elapsed.TotalSeconds:0.0} s ({total / elapsed.TotalSeconds:0} req/s), statuses: {string.Join(", ", statuses.Select(kv => $"{kv.Key}={kv.Value}"))}");
        output.WriteLine($"outcomes: {string.Join(", ", outcomes.Select(kv => $"{kv.Key}={kv.Value}"))}; origin calls {server.Origin.Calls}; deepest store queue {deepestQueue}");

        Assert.DoesNotContain(statuses.Keys, s => s >= 500);
        Assert.Equal(total, statuses.GetValueOrDefault(200));
        Assert.NotEmpty(missKeys);

        var drained = Stopwatch.StartNew();
        Assert.True(await DrainAsync(server.Services, TimeSpan.FromSeconds(60)), "the write queues never drained");
        var store = server.Services.GetRequiredService<IImageStore>();
        var index = server.Services.GetRequiredService<IVectorIndex>();
        foreach (var key in missKeys.Distinct())
        {
            var entry = await store.GetEntryAsync(key);
            Assert.True(entry is not null, $"miss {key} was never stored");
            Assert.True(await store.BlobExistsAsync(entry.BlobSha256), $"entry {key} points at a missing image");
            Assert.True(await server.WaitUntilIndexedAsync(key, TimeSpan.FromSeconds(10)), $"miss {key} was never indexed");
        }

        var counters = server.Services.GetRequiredService<CacheCounters>().Snapshot();
        output.WriteLine($"{missKeys.Distinct().Count()} misses stored and indexed, drained {drained.ElapsedMilliseconds} ms after the load; stored {counters.Stored}, indexed {counters.Indexed}, skipped {counters.StoreSkipped}/{counters.IndexSkipped}, failed {counters.StoreFailed}/{counters.IndexFailed}");
        Assert.Equal(0, counters.StoreSkipped + counters.StoreFailed + counters.IndexSkipped + counters.IndexFailed);
    }
}
