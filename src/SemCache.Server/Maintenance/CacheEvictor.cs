using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SemCache.Core.Storage;
using SemCache.Server.Diagnostics;

namespace SemCache.Server.Maintenance;

/// <summary>
/// Every <see cref="EvictionSettings.Interval"/>, removes entries past the TTL, then the lowest
/// <see cref="EvictionScore"/> first while the cache is over its size or entry limit. Removal goes through
/// <see cref="CachePurger"/>, so vectors leave before their images and aliases leave with their target.
/// </summary>
public sealed class CacheEvictor(
    IImageStore store,
    CachePurger purger,
    EvictionSettings limits,
    CacheCounters counters,
    TimeProvider time,
    ILogger<CacheEvictor> logger) : BackgroundService
{
    private readonly EvictionSettings _limits = limits;

    /// <summary>One pass: lists the entries once, chooses what to remove and removes it.</summary>
    public async Task<EvictionResult> RunOnceAsync(CancellationToken cancellationToken)
    {
        var primaries = new Dictionary<string, (CacheEntry Entry, DateTimeOffset LastUse, long Hits)>(StringComparer.Ordinal);
        var aliases = new List<CacheEntry>();
        await foreach (var entry in store.ListEntriesAsync(cancellationToken))
        {
            if (entry.AliasOf is null)
            {
                primaries[entry.Key] = (entry, entry.LastHit ?? entry.Created, entry.HitCount);
            }
            else
            {
                aliases.Add(entry);
            }
        }

        // A hit on an alias is a use of the image it shares.
        foreach (var alias in aliases)
        {
            if (alias.AliasOf is { } target && primaries.TryGetValue(target, out var p))
            {
                var aliasUse = alias.LastHit ?? alias.Created;
                primaries[target] = (p.Entry, aliasUse > p.LastUse ? aliasUse : p.LastUse, p.Hits + alias.HitCount);
            }
        }

        // Images are counted once however many entries share them.
        var references = new Dictionary<string, int>(StringComparer.Ordinal);
        var sizes = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (entry, _, _) in primaries.Values)
        {
            references[entry.BlobSha256] = references.GetValueOrDefault(entry.BlobSha256) + 1;
            sizes[entry.BlobSha256] = entry.Size;
        }

        long entries = primaries.Count;
        var bytes = sizes.Values.Sum();
        var remove = new HashSet<string>(StringComparer.Ordinal);

        void Remove(CacheEntry entry)
        {
            remove.Add(entry.Key);
            entries--;
            if (--references[entry.BlobSha256] == 0)
            {
                bytes -= sizes[entry.BlobSha256];
            }
        }

        var expired = 0;
        if (_limits.Ttl > TimeSpan.Zero)
        {
            var cutoff = time.GetUtcNow() - _limits.Ttl;
            foreach (var (entry, _, _) in primaries.Values.Where(p => p.Entry.Created < cutoff))
            {
                Remove(entry);
                expired++;
            }
        }

        var evicted = 0;
        if (OverLimit(entries, bytes))
        {
            var order = primaries.Values
                .Where(p => !remove.Contains(p.Entry.Key))
                .OrderBy(p => EvictionScore.Of(p.LastUse, p.Hits))
                .ThenBy(p => p.Entry.Key, StringComparer.Ordinal);
            foreach (var (entry, _, _) in order)
            {
                if (!OverLimit(entries, bytes))
                {
                    break;
                }

                Remove(entry);
                evicted++;
            }
        }

        if (remove.Count == 0)
        {
            return new EvictionResult(0, 0, 0, 0, entries, bytes);
        }

        var purged = await purger.RemoveKeysAsync(remove, cancellationToken);
        counters.Evicted(purged.Entries);
        EvictionLog.Evicted(logger, expired, evicted, purged.Blobs, entries, bytes);
        return new EvictionResult(expired, evicted, purged.Aliases, purged.Blobs, entries, bytes);
    }

    private bool OverLimit(long entries, long bytes) =>
        (_limits.MaxEntries > 0 && entries > _limits.MaxEntries) || (_limits.MaxBytes > 0 && bytes > _limits.MaxBytes);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_limits.Enabled)
        {
            return;
        }

        using var timer = new PeriodicTimer(_limits.Interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await RunOnceAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    EvictionLog.Failed(logger, ex.GetType().Name, ex);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
