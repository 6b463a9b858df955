using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using SemCache.Embedding;
using Xunit.Abstractions;

namespace SemCache.Tests.Resilience;

/// <summary>
/// The real program killed with SIGKILL in the middle of a load of misses: on restart the store and the index are
/// consistent, every acknowledged image is either there or (its write still queued at the kill) simply a miss, and
/// no entry or vector points at a missing image.
/// </summary>
public sealed class CrashSafetyTests(ITestOutputHelper output) : IDisposable
{
    private const int Clients = 8;
    private const int AcknowledgedBeforeKill = 40;
    private static readonly string[] Subjects = ["heron", "windmill", "teapot", "glacier", "violin", "lantern", "canyon", "tram"];

    private readonly string _dir = Directory.CreateTempSubdirectory("semcache-crash-").FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static string PathFor(int i) =>
        "/prompt/" + Uri.EscapeDataString($"a {Subjects[i % Subjects.Length]} painted in style number {i}") + "?width=256&height=256";

    [Fact]
    public async Task A_SIGKILL_mid_load_loses_only_queued_writes_and_leaves_nothing_dangling()
    {
        var data = Path.Combine(_dir, "data");
        // The server's vectors come from the default embedder; the walk searches with the same one.
        using var embedder = (OnnxSentenceEmbedder)EmbedderFactory.Create(new EmbedderOptions { CacheSize = 0 });
        var acknowledged = new ConcurrentDictionary<string, (string Path, string ETag)>(StringComparer.Ordinal);

        await using (var server = await ServeProcess.StartAsync(_dir, data, "--demo-delay", "50"))
        {
            using var client = new HttpClient { BaseAddress = server.Url };
            var next = 0;
            async Task LoadAsync()
            {
                while (true)
                {
                    var path = PathFor(Interlocked.Increment(ref next));
                    try
                    {
                        using var response = await client.GetAsync(path);
                        await response.Content.ReadAsByteArrayAsync();
                        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                        acknowledged[response.Headers.GetValues("X-Cache-Key").Single()] = (path, response.Headers.ETag!.Tag);
                    }
                    catch (HttpRequestException)
                    {
                        return; // the server is gone
                    }
                }
            }

            var load = Enumerable.Range(0, Clients).Select(_ => Task.Run(LoadAsync)).ToList();
            while (acknowledged.Count < AcknowledgedBeforeKill && !server.HasExited)
            {
                await Task.Delay(5);
            }

            await server.KillAsync();
            await Task.WhenAll(load);
        }

        // The directory exactly as the kill left it.
        var afterKill = await StoreWalk.AssertConsistentAsync(data, embedder);
        Assert.Equal(0, afterKill.CorruptEntries);
        var stored = acknowledged.Keys.Where(afterKill.Entries.ContainsKey).ToList();
        output.WriteLine($"{acknowledged.Count} acknowledged before the kill: {stored.Count} stored, {acknowledged.Count - stored.Count} still queued (lost); {afterKill.Entries.Count} entries, {afterKill.IndexedKeys.Count} indexed");
        Assert.NotEmpty(stored);
        foreach (var key in stored)
        {
            Assert.Equal(acknowledged[key].ETag, "\"" + afterKill.Entries[key].BlobSha256 + "\"");
        }

        // The restarted server opens the same directory and serves every stored acknowledged image as an exact hit.
        await using (var restarted = await ServeProcess.StartAsync(_dir, data, "--demo-delay", "0"))
        {
            using var client = new HttpClient { BaseAddress = restarted.Url };
            var health = JsonDocument.Parse(await client.GetStringAsync("/health")).RootElement;
            Assert.Equal("healthy", health.GetProperty("status").GetString());
            foreach (var (key, (path, etag)) in acknowledged)
            {
                using var response = await client.GetAsync(path);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                var type = response.Headers.TryGetValues("X-Cache-Type", out var t) ? t.Single() : "MISS";
                if (afterKill.Entries.ContainsKey(key))
                {
                    Assert.Equal("EXACT", type);
                    Assert.Equal(etag, response.Headers.ETag!.Tag);
                }
                else
                {
                    Assert.NotEqual("EXACT", type);
                }
            }

            Assert.Equal(0, await restarted.TerminateAsync());
        }

        // After a graceful stop: still consistent, and reconciliation indexed what the kill left unindexed.
        var final = await StoreWalk.AssertConsistentAsync(data, embedder);
        var unindexed = final.Entries.Values.Where(e => e.AliasOf is null && !final.IndexedKeys.Contains(e.Key)).Select(e => e.Key).ToList();
        Assert.True(unindexed.Count == 0, $"{unindexed.Count} stored entries were never indexed: {string.Join(", ", unindexed)}");
        Assert.Subset(final.Entries.Keys.ToHashSet(), acknowledged.Keys.ToHashSet());
    }
}
