using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SemCache.Core.Review;
using SemCache.Server.Dashboard;

namespace SemCache.Server.Review;

/// <summary>
/// The review page and its API under /dashboard/review. Reviewing needs Admin:Token (bearer header, or the dashboard
/// cookie got with ?token=): labels feed calibration, so without a token these routes answer 404.
/// The POST takes JSON only, which a cross-site form cannot send, and the cookie is SameSite=Strict.
/// </summary>
public static class ReviewEndpoints
{
    public const int MaxPageSize = 200;
    public const int MaxReviewerLength = 100;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    internal static void Map(IEndpointRouteBuilder app, DashboardAccess access, DashboardAssets assets)
    {
        app.MapGet("/dashboard/review", (HttpContext context) =>
            access.TokenRequired ? DashboardEndpoints.Page(context, access, assets, "review.html") : NoToken(json: false));
        var api = app.MapGroup("/dashboard/review").AddEndpointFilter(async (context, next) =>
            !access.TokenRequired ? NoToken(json: true)
            : !access.IsAllowed(context.HttpContext) ? DashboardEndpoints.Denied(access, json: true)
            : await next(context));
        api.MapGet("/pairs", ListAsync);
        api.MapPost("/pairs/{id}/label", LabelAsync);
        api.MapGet("/summary", async (ReviewSummary summary, ReviewMetrics metrics, CancellationToken ct) =>
            Results.Json(SummaryJson(await summary.RefreshAsync(ct), metrics), Json));
    }

    /// <summary>The review block of the dashboard feed and of /dashboard/review/summary.</summary>
    public static object SummaryJson(ReviewSummary.Snapshot snapshot, ReviewMetrics metrics) => new
    {
        pairs = snapshot.Counts.Pairs,
        labelled = snapshot.Counts.Labelled,
        labelled_hits = snapshot.LabelledHits,
        false_hits = snapshot.FalseHits,
        false_hit_rate = snapshot.LabelledHits == 0 ? (double?)null : snapshot.Rate.Rate,
        interval_low = snapshot.LabelledHits == 0 ? (double?)null : snapshot.Rate.Low,
        interval_high = snapshot.LabelledHits == 0 ? (double?)null : snapshot.Rate.High,
        shadow_lookups = metrics.ShadowLookups,
        shadow_would_hits = metrics.ShadowWouldHits,
        would_hit_rate = metrics.WouldHitRate,
        partitions = snapshot.Counts.Partitions.Select(p =>
        {
            var rate = WilsonInterval.Of(p.FalseHits, p.LabelledHits);
            return new
            {
                partition = p.Partition,
                description = p.PartitionDescription,
                labelled_hits = p.LabelledHits,
                false_hits = p.FalseHits,
                false_hit_rate = rate.Rate,
                interval_low = rate.Low,
                interval_high = rate.High,
            };
        }),
    };

    private static async Task<IResult> ListAsync(HttpContext context, IReviewStore store, CancellationToken cancellationToken)
    {
        var q = context.Request.Query;
        if (!TryFloat(q["min"], out var min) || !TryFloat(q["max"], out var max))
        {
            return Bad("min and max are similarities such as 0.85.");
        }

        if (!TryInt(q["limit"], 50, out var limit) || limit is < 1 or > MaxPageSize || !TryInt(q["offset"], 0, out var offset) || offset < 0)
        {
            return Bad($"limit must be from 1 to {MaxPageSize} and offset 0 or more.");
        }

        bool? labelled;
        switch (q["labelled"].ToString())
        {
            case "" or "any": labelled = null; break;
            case "true": labelled = true; break;
            case "false": labelled = false; break;
            default: return Bad("labelled is true, false or any.");
        }

        var filter = new ReviewFilter
        {
            Partition = Text(q["partition"]),
            Model = q.ContainsKey("model") ? q["model"].ToString() : null,
            MinSimilarity = min,
            MaxSimilarity = max,
            Labelled = labelled,
            Limit = limit,
            Offset = offset,
        };
        var pairs = await store.ListAsync(filter, cancellationToken);
        return Results.Json(new { pairs = pairs.Select(PairJson) }, Json);
    }

    private static async Task<IResult> LabelAsync(
        string id, LabelRequest body, IReviewStore store, ReviewSummary summary, TimeProvider time, CancellationToken cancellationToken)
    {
        if (body.Acceptable is not { } acceptable)
        {
            return Bad("Send {\"acceptable\": true|false, \"reviewer\": \"name\"} (reviewer is optional, default admin).");
        }

        var reviewer = string.IsNullOrWhiteSpace(body.Reviewer) ? "admin" : body.Reviewer.Trim();
        if (reviewer.Length > MaxReviewerLength || reviewer.Any(char.IsControl))
        {
            return Bad($"reviewer must be at most {MaxReviewerLength} printable characters.");
        }

        var label = new PairLabel(acceptable, reviewer, time.GetUtcNow());
        if (!await store.LabelAsync(id, label, cancellationToken))
        {
            return Results.Problem(title: "No such pair", detail: "It may have been purged, evicted or dropped by retention.", statusCode: StatusCodes.Status404NotFound);
        }

        await summary.RefreshAsync(cancellationToken);
        return Results.Json(new { id, label = LabelJson(label) }, Json);
    }

    private static object PairJson(RecordedPair p) => new
    {
        id = p.Id,
        recorded_at = p.RecordedAt,
        mode = p.Mode,
        partition = p.Partition,
        partition_description = p.PartitionDescription,
        model = p.Model,
        query = new { key = p.QueryKey, prompt = p.QueryPrompt, image = "/images/" + p.QuerySha256 },
        candidate = new { key = p.CandidateKey, prompt = p.CandidatePrompt, image = "/images/" + p.CandidateSha256 },
        similarity = p.Similarity,
        threshold = p.Threshold,
        decision = p.Decision,
        reason = p.Reason,
        checks = p.Checks.Select(c => new { name = c.Name, passed = c.Passed, reason = c.Reason }),
        label = p.Label is null ? null : LabelJson(p.Label),
    };

    private static object LabelJson(PairLabel l) => new { acceptable = l.Acceptable, reviewer = l.Reviewer, labelled_at = l.LabelledAt };

    private static string? Text(Microsoft.Extensions.Primitives.StringValues value) => value.Count == 0 || value.ToString().Length == 0 ? null : value.ToString();

    private static bool TryFloat(Microsoft.Extensions.Primitives.StringValues value, out float? result)
    {
        result = null;
        if (Text(value) is not { } text)
        {
            return true;
        }

        if (float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) && float.IsFinite(parsed))
        {
            result = parsed;
            return true;
        }

        return false;
    }

    private static bool TryInt(Microsoft.Extensions.Primitives.StringValues value, int fallback, out int result)
    {
        result = fallback;
        return Text(value) is not { } text || int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out result);
    }

    private static IResult Bad(string detail) => Results.Problem(title: "Invalid review request", detail: detail, statusCode: StatusCodes.Status400BadRequest);

    private static IResult NoToken(bool json)
    {
        const string Detail = "Reviewing needs Admin:Token: set SEMCACHE__ADMIN__TOKEN and open /dashboard/review?token=<token>.";
        return json
            ? Results.Problem(title: "Review is disabled", detail: Detail, statusCode: StatusCodes.Status404NotFound)
            : Results.Text("semcache review: " + Detail + "\n", "text/plain; charset=utf-8", statusCode: StatusCodes.Status404NotFound);
    }

    /// <summary>Body of POST /dashboard/review/pairs/{id}/label.</summary>
    public sealed record LabelRequest(bool? Acceptable, string? Reviewer);
}
