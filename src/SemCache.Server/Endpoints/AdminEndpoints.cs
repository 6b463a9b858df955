using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using SemCache.Core.Embedding;
using SemCache.Core.Index;
using SemCache.Server.Diagnostics;
using SemCache.Server.Hosting;
using SemCache.Server.Maintenance;
using SemCache.Server.Pipeline;

namespace SemCache.Server.Endpoints;

/// <summary>
/// /admin/stats, /admin/config and /admin/purge. They need <c>Authorization: Bearer &lt;Admin:Token&gt;</c>; with no
/// token configured they do not exist (404), so a forgotten setting never leaves them open.
/// </summary>
public static class AdminEndpoints
{
    public static IEndpointRouteBuilder MapAdminEndpoints(this IEndpointRouteBuilder app, SemCacheSettings settings)
    {
        if (string.IsNullOrEmpty(settings.Admin.Token))
        {
            return app;
        }

        var expected = SHA256.HashData(Encoding.UTF8.GetBytes(settings.Admin.Token));
        var admin = app.MapGroup("/admin").AddEndpointFilter(async (context, next) =>
        {
            var header = context.HttpContext.Request.Headers.Authorization.ToString();
            var given = header.StartsWith("Bearer ", StringComparison.Ordinal) ? header[7..].Trim() : string.Empty;

            // Hash both sides so the comparison takes the same time whatever the length or content of the guess.
            if (!CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(given)), expected))
            {
                context.HttpContext.Response.Headers.WWWAuthenticate = "Bearer";
                return Results.Problem(title: "Admin token required", statusCode: StatusCodes.Status401Unauthorized);
            }

            return await next(context);
        });

        admin.MapGet("/stats", StatsAsync);
        admin.MapGet("/config", ([FromServices] SemCacheSettings s, [FromServices] IPromptCoverage coverage) => Results.Json(new
        {
            data = Path.GetFullPath(s.Data),
            origin = s.Origin == "demo" ? "demo" : new Uri(s.Origin).GetLeftPart(UriPartial.Path),
            origin_kind = s.OriginKind.Word(),
            index = s.Index.Word(),
            store = s.Store.Word(),
            seed_policy = s.SeedPolicy.Word(),
            embedder = coverage.EmbedderId,
            threshold = s.Semantic.Threshold,
            candidates = s.Semantic.Candidates,
            guards_enabled = s.Semantic.GuardsEnabled,
            semantic_mode = s.Semantic.Mode,
            rate_limit_per_minute = s.RateLimit.PermitsPerMinute,
            admin_token = "(set)",
        }));
        admin.MapPost("/purge", PurgeAsync);
        return app;
    }

    private static async Task<IResult> StatsAsync(
        [FromServices] CacheCounters counters,
        [FromServices] IVectorIndex index,
        [FromServices] PersistenceQueue queue,
        [FromServices] ComponentHealth health,
        CancellationToken cancellationToken)
    {
        var c = counters.Snapshot();
        IReadOnlyDictionary<string, long> partitions;
        try
        {
            partitions = await index.CountByPartitionAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            partitions = new Dictionary<string, long>();
        }

        return Results.Json(new
        {
            requests = c.Requests,
            exact_hits = c.ExactHits,
            semantic_hits = c.SemanticHits,
            misses = c.Misses,
            bypassed = c.Bypassed,
            fallback_hits = c.FallbackHits,
            origin_errors = c.OriginErrors,
            hit_rate = c.HitRate,
            stored = c.Stored,
            bytes_stored = c.BytesStored,
            store_skipped = c.StoreSkipped,
            store_failed = c.StoreFailed,
            indexed = c.Indexed,
            index_skipped = c.IndexSkipped,
            index_failed = c.IndexFailed,
            origin_seconds_saved = c.OriginSecondsSaved,
            store_queue = queue.StoreQueueLength,
            index_queue = queue.IndexQueueLength,
            health = health.IsDegraded ? "degraded" : "healthy",
            partitions,
        });
    }

    private static async Task<IResult> PurgeAsync(
        [FromQuery] string? key,
        [FromQuery] string? prompt,
        [FromQuery] string? partition,
        [FromQuery(Name = "older_than")] string? olderThan,
        [FromServices] CachePurger purger,
        [FromServices] TimeProvider time,
        CancellationToken cancellationToken)
    {
        TimeSpan? age = null;
        if (olderThan is not null)
        {
            if (!DurationText.TryParse(olderThan, out var parsed))
            {
                return Results.Problem(title: "Invalid older_than", detail: "Use a duration such as 30d, 12h or 90m.", statusCode: 400);
            }

            age = parsed;
        }

        var criteria = CachePurger.Criteria(key, prompt, partition, age, time.GetUtcNow());
        if (criteria is null)
        {
            return Results.Problem(title: "Nothing to purge", detail: "Give key, prompt, partition or older_than.", statusCode: 400);
        }

        var result = await purger.PurgeAsync(criteria, cancellationToken);
        return Results.Json(new { entries = result.Entries, aliases = result.Aliases, vectors = result.Vectors, blobs = result.Blobs });
    }
}
