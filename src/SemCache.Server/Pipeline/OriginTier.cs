using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SemCache.Core.Images;
using SemCache.Core.Origin;
using SemCache.Core.Requests;
using SemCache.Server.Diagnostics;
using SemCache.Server.Hosting;

namespace SemCache.Server.Pipeline;

/// <summary>
/// Calls the origin once per key however many identical misses arrive together (request coalescing), checks that the
/// answer really is an image, and hands storable images to the persistence queue. A waiter that disconnects stops
/// waiting; the shared call goes on for the others (and its image is still stored).
/// </summary>
public sealed class OriginTier(
    IImageOrigin origin,
    ExactTier exact,
    PersistenceQueue persistence,
    SemCacheSettings settings,
    CacheCounters counters,
    IHostApplicationLifetime lifetime,
    ILogger<OriginTier> logger)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<OriginResult>>> _inFlight = new(StringComparer.Ordinal);
    private readonly HashSet<string> _placeholders = new(settings.PlaceholderSha256.Select(s => s.Trim().ToLowerInvariant()), StringComparer.Ordinal);

    public string Description => origin.Description;

    public int InFlight => _inFlight.Count;

    /// <summary>A private request: not coalesced with anyone, not stored.</summary>
    public async Task<OriginResult> FetchPrivateAsync(ImageRequest request, CancellationToken cancellationToken)
    {
        var response = await origin.GenerateAsync(request, cancellationToken);
        return Check(response, out var image, out var reason) ? new OriginResult(response, image, false, null) : new OriginResult(response, null, false, reason);
    }

    public Task<OriginResult> FetchAsync(ImageRequest request, SemanticLookup lookup, CancellationToken cancellationToken)
    {
        var lazy = _inFlight.GetOrAdd(request.Key, _ => new Lazy<Task<OriginResult>>(() => RunSharedAsync(request, lookup)));
        return lazy.Value.WaitAsync(cancellationToken);
    }

    private async Task<OriginResult> RunSharedAsync(ImageRequest request, SemanticLookup lookup)
    {
        await Task.Yield(); // never run the origin call on the first waiter's stack
        try
        {
            // An identical call may have finished (and even been written) between this waiter's exact lookup and now.
            if (await exact.LookupAsync(request.Key, lifetime.ApplicationStopping) is { } done)
            {
                return new OriginResult(new OriginResponse(200, done.ContentType, done.Bytes, TimeSpan.Zero), done, true, null);
            }

            // The shared call is not tied to any one client: it stops only when the server does.
            OriginResponse response;
            using (var span = SemCacheTelemetry.Source.StartActivity("origin.generate"))
            {
                response = await origin.GenerateAsync(request, lifetime.ApplicationStopping);
                var result = response.Failure != OriginFailure.None ? response.Failure.ToString() : response.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture);
                span?.SetTag("http.response.status_code", response.StatusCode);
                span?.SetTag("semcache.origin.result", result);
                counters.OriginCalled(result, response.Elapsed.TotalMilliseconds);
            }

            if (!Check(response, out var checkedImage, out var reason))
            {
                Log.OriginRejected(logger, reason!, response.StatusCode);
                return new OriginResult(response, null, false, reason);
            }

            if (_placeholders.Contains(checkedImage!.Sha256))
            {
                return new OriginResult(response, checkedImage, false, "placeholder-image");
            }

            var stored = persistence.TryEnqueue(PendingImage.From(
                request, checkedImage.Sha256, checkedImage.Bytes, checkedImage.ContentType, response.Elapsed.TotalMilliseconds, lookup.Vector, lookup.Indexable));
            return new OriginResult(response, checkedImage, stored, stored ? null : "store-queue-full");
        }
        catch (OperationCanceledException) when (lifetime.ApplicationStopping.IsCancellationRequested)
        {
            return new OriginResult(OriginResponse.Failed(OriginFailure.Other, TimeSpan.Zero, "server is stopping"), null, false, "stopping");
        }
        catch (Exception ex)
        {
            // An origin implementation should not throw, but one bad call must not poison the waiters.
            Log.OriginThrew(logger, ex.GetType().Name, ex);
            return new OriginResult(OriginResponse.Failed(OriginFailure.Other, TimeSpan.Zero, ex.GetType().Name), null, false, "origin-exception");
        }
        finally
        {
            _inFlight.TryRemove(request.Key, out _);
        }
    }

    private static bool Check(OriginResponse response, out StoredImage? image, out string? reason)
    {
        image = null;
        if (response.Failure != OriginFailure.None)
        {
            reason = "origin-" + response.Failure.ToString().ToLowerInvariant();
            return false;
        }

        if (!response.IsSuccess)
        {
            reason = "origin-status-" + response.StatusCode;
            return false;
        }

        if (!ImageFormat.IsImageContentType(response.ContentType))
        {
            reason = "origin-not-image-content-type";
            return false;
        }

        var sniffed = ImageFormat.Sniff(response.Body);
        if (sniffed is null)
        {
            reason = "origin-not-image-bytes";
            return false;
        }

        var sha = Convert.ToHexStringLower(SHA256.HashData(response.Body));
        image = new StoredImage(response.Body, sniffed, sha, response.Elapsed.TotalMilliseconds);
        reason = null;
        return true;
    }
}
