using Microsoft.Extensions.Logging;
using SemCache.Core.Index;
using SemCache.Core.Storage;
using SemCache.Server.Diagnostics;

namespace SemCache.Server.Pipeline;

/// <summary>Key to image: first the images still being written, then the store.</summary>
public sealed class ExactTier(IImageStore store, IVectorIndex index, PendingImages pending, ComponentHealth health, ILogger<ExactTier> logger)
{
    public async Task<StoredImage?> LookupAsync(string key, CancellationToken cancellationToken)
    {
        if (pending.TryGet(key, out var image))
        {
            return new StoredImage(image.Bytes, image.ContentType, image.Sha256, image.OriginMilliseconds);
        }

        CacheEntry? entry;
        StoredBlob? blob;
        try
        {
            entry = await store.GetEntryAsync(key, cancellationToken);
            if (entry is null)
            {
                return null;
            }

            blob = await store.GetBlobAsync(entry.BlobSha256, cancellationToken);
            health.Succeeded(ComponentHealth.Store);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // A store we cannot read is a miss, not an error: the origin still answers.
            ReadFailed(ex);
            return null;
        }

        if (blob is null)
        {
            // Never serve or keep an entry whose image is gone: drop it and its vector, then treat as a miss.
            Log.DanglingEntry(logger, key);
            await RemoveQuietlyAsync(key);
            return null;
        }

        return new StoredImage(blob.Bytes, blob.ContentType, entry.BlobSha256, entry.OriginMilliseconds);
    }

    /// <summary>
    /// How long the origin took to make a stored key's image, 0 when unknown: what serving that image again saves.
    /// Best effort: a store that cannot answer costs the metric, never the request.
    /// </summary>
    public async Task<double> OriginMillisecondsAsync(string key, CancellationToken cancellationToken)
    {
        if (pending.TryGet(key, out var image))
        {
            return image.OriginMilliseconds;
        }

        try
        {
            return (await store.GetEntryAsync(key, cancellationToken))?.OriginMilliseconds ?? 0;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return 0;
        }
    }

    /// <summary>The image a semantic candidate points at, or null if its blob is gone (the candidate is removed).</summary>
    public async Task<StoredBlob?> GetBlobAsync(string key, string sha256, CancellationToken cancellationToken)
    {
        try
        {
            var blob = await store.GetBlobAsync(sha256, cancellationToken);
            if (blob is null)
            {
                Log.DanglingEntry(logger, key);
                await RemoveQuietlyAsync(key);
            }

            return blob;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            ReadFailed(ex);
            return null;
        }
    }

    /// <summary>
    /// The trace is logged when the store starts failing; while it stays down every request would otherwise add one
    /// (about 10 kB each with the AWS SDK), so later failures are a debug line until a read succeeds again.
    /// </summary>
    private void ReadFailed(Exception ex)
    {
        if (health.Failed(ComponentHealth.Store, ex.GetType().Name))
        {
            Log.StoreFailed(logger, ex.GetType().Name, ex);
        }
        else
        {
            Log.StoreStillFailing(logger, ex.GetType().Name);
        }
    }

    private async Task RemoveQuietlyAsync(string key)
    {
        try
        {
            await index.RemoveAsync(key);
            await store.DeleteEntryAsync(key);
        }
        catch (Exception ex)
        {
            Log.StoreFailed(logger, ex.GetType().Name, ex);
        }
    }
}
