using Microsoft.Extensions.Logging;
using SemCache.Core.Review;

namespace SemCache.Server.Review;

/// <summary>
/// The last counts read from the review store, for gauges and the dashboard (which must not query the store on
/// every scrape). Refreshed after each label, purge and retention pass.
/// </summary>
public sealed class ReviewSummary(IReviewStore store, ILogger<ReviewSummary> logger)
{
    private volatile Snapshot _current = new(new ReviewCounts(0, 0, []), WilsonInterval.Of(0, 0));

    public Snapshot Current => _current;

    public async Task<Snapshot> RefreshAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            var counts = await store.CountAsync(cancellationToken);
            _current = new Snapshot(counts, WilsonInterval.Of(counts.FalseHits, counts.LabelledHits));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A store outage keeps the last known numbers; the review endpoints report the failure themselves.
            ReviewLog.CountsFailed(logger, ex.GetType().Name, ex);
        }

        return _current;
    }

    public sealed record Snapshot(ReviewCounts Counts, WilsonInterval Rate)
    {
        public long LabelledHits => Counts.LabelledHits;

        public long FalseHits => Counts.FalseHits;
    }

}
