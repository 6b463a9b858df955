using System.Net;
using Microsoft.Extensions.DependencyInjection;
using SemCache.Core.Storage;
using SemCache.Server.Pipeline;

namespace SemCache.Tests.Resilience;

/// <summary>What a running server has stored, read through its own store once its background writes are done.</summary>
public static class CacheState
{
    /// <summary>Waits until no image is waiting to be written or indexed; false if that takes longer than the limit.</summary>
    public static async Task<bool> DrainAsync(IServiceProvider services, TimeSpan limit)
    {
        var pending = services.GetRequiredService<PendingImages>();
        var queue = services.GetRequiredService<PersistenceQueue>();
        var deadline = DateTime.UtcNow + limit;
        while (DateTime.UtcNow < deadline)
        {
            if (pending.Count == 0 && queue.StoreQueueLength == 0 && queue.IndexQueueLength == 0)
            {
                return true;
            }

            await Task.Delay(20);
        }

        return false;
    }

    public static async Task<List<CacheEntry>> EntriesAsync(IServiceProvider services)
    {
        var entries = new List<CacheEntry>();
        await foreach (var entry in services.GetRequiredService<IImageStore>().ListEntriesAsync())
        {
            entries.Add(entry);
        }

        return entries;
    }

    public static async Task<List<string>> BlobsAsync(IServiceProvider services)
    {
        var blobs = new List<string>();
        await foreach (var blob in services.GetRequiredService<IImageStore>().ListBlobsAsync())
        {
            blobs.Add(blob);
        }

        return blobs;
    }

    /// <summary>After the background writes: not one entry and not one image.</summary>
    public static async Task AssertNothingStoredAsync(IServiceProvider services)
    {
        Assert.True(await DrainAsync(services, TimeSpan.FromSeconds(10)), "the write queues never drained");
        Assert.Empty((await EntriesAsync(services)).Select(e => e.Key));
        Assert.Empty(await BlobsAsync(services));
    }

    /// <summary>A 502 or 504 RFC 7807 problem: the only 5xx semcache itself may answer.</summary>
    public static void AssertGatewayProblem(HttpResponseMessage response, HttpStatusCode expected)
    {
        Assert.True(expected is HttpStatusCode.BadGateway or HttpStatusCode.GatewayTimeout);
        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    public static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : string.Empty;
}
