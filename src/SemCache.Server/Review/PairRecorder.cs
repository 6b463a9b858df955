using System.Security.Cryptography;
using System.Text;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SemCache.Core.Requests;
using SemCache.Core.Review;
using SemCache.Matching;
using SemCache.Server.Hosting;

namespace SemCache.Server.Review;

/// <summary>
/// Turns semantic decisions into <see cref="RecordedPair"/>s and writes them in the background, so a slow review
/// store never slows a request. Applies retention (age, then count) at start and every hour.
/// Only requests whose image the cache stores get here: private requests and rejected origin answers never do.
/// </summary>
public sealed class PairRecorder(
    IReviewStore store,
    ReviewSummary summary,
    ReviewSettings limits,
    TimeProvider time,
    ILogger<PairRecorder> logger) : BackgroundService
{
    private static readonly TimeSpan TrimInterval = TimeSpan.FromHours(1);
    private static readonly TimeSpan SummaryInterval = TimeSpan.FromMinutes(1);

    private readonly Channel<RecordedPair> _queue = Channel.CreateBounded<RecordedPair>(
        new BoundedChannelOptions(1024) { SingleReader = true, FullMode = BoundedChannelFullMode.DropWrite });

    private readonly ReviewSettings _limits = limits;

    /// <summary>
    /// Shadow mode, after the origin answered and its image was accepted for storage: records the candidate that
    /// would have been served, or else the first one above the threshold that a check rejected.
    /// </summary>
    public bool RecordShadow(ImageRequest request, MatchDecision decision, string querySha256)
    {
        var verdict = decision.Candidates.FirstOrDefault(c => c.Served)
            ?? decision.Candidates.FirstOrDefault(c => c.AboveThreshold);
        return verdict is not null && Enqueue(Build(request, decision, verdict, querySha256, PairDecisions.ShadowMode));
    }

    /// <summary>Serve mode: records a served hit with probability Review:ServeSampleRate.</summary>
    public bool SampleServed(ImageRequest request, MatchDecision decision)
    {
        if (_limits.ServeSampleRate <= 0 || Random.Shared.NextDouble() >= _limits.ServeSampleRate)
        {
            return false;
        }

        var verdict = decision.Candidates.FirstOrDefault(c => c.Served);
        return verdict is not null && Enqueue(Build(request, decision, verdict, verdict.Candidate.BlobSha256, PairDecisions.ServeMode));
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await TrimAsync(stoppingToken);
        var nextTrim = time.GetUtcNow() + TrimInterval;
        try
        {
            while (true)
            {
                // Wake for new pairs, or once a minute to re-read the counts: labels given on another node and pairs
                // removed by purge or eviction then reach the gauges without a page view.
                using (var tick = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken))
                {
                    tick.CancelAfter(SummaryInterval);
                    try
                    {
                        if (!await _queue.Reader.WaitToReadAsync(tick.Token))
                        {
                            return;
                        }
                    }
                    catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
                    {
                        await summary.RefreshAsync(stoppingToken);
                    }
                }

                await DrainAsync(stoppingToken);
                if (time.GetUtcNow() >= nextTrim)
                {
                    await TrimAsync(stoppingToken);
                    nextTrim = time.GetUtcNow() + TrimInterval;
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // A graceful stop still writes what was queued.
            await DrainAsync(CancellationToken.None);
        }
    }

    private async Task DrainAsync(CancellationToken cancellationToken)
    {
        while (_queue.Reader.TryRead(out var pair))
        {
            try
            {
                await store.RecordAsync(pair, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                ReviewLog.RecordFailed(logger, ex.GetType().Name, ex);
            }
        }
    }

    private async Task TrimAsync(CancellationToken cancellationToken)
    {
        try
        {
            var removed = await store.TrimAsync(time.GetUtcNow() - TimeSpan.FromDays(_limits.MaxAgeDays), _limits.MaxPairs, cancellationToken);
            if (removed > 0)
            {
                ReviewLog.Trimmed(logger, removed);
            }

            await summary.RefreshAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            ReviewLog.TrimFailed(logger, ex.GetType().Name, ex);
        }
    }

    private bool Enqueue(RecordedPair pair)
    {
        if (_queue.Writer.TryWrite(pair))
        {
            return true;
        }

        ReviewLog.QueueFull(logger);
        return false;
    }

    private RecordedPair Build(ImageRequest request, MatchDecision decision, CandidateVerdict verdict, string querySha256, string mode)
    {
        var candidate = verdict.Candidate;
        return new RecordedPair
        {
            // Derived from the two keys: the same query and candidate are one pair, however often they meet.
            Id = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(request.Key + "\n" + candidate.Key)))[..32],
            RecordedAt = time.GetUtcNow(),
            Mode = mode,
            Partition = request.Partition,
            PartitionDescription = request.PartitionDescription,
            Model = request.GetParameter(ParameterNames.Model) ?? "",
            QueryKey = request.Key,
            QueryPrompt = request.CanonicalPrompt,
            QuerySha256 = querySha256,
            CandidateKey = candidate.Key,
            CandidatePrompt = candidate.Prompt,
            CandidateSha256 = candidate.BlobSha256,
            Similarity = candidate.Similarity,
            Threshold = decision.Threshold,
            Decision = verdict.Served ? PairDecisions.Hit : PairDecisions.Rejected,
            Reason = verdict.Served ? decision.Reason : FirstFailure(verdict) ?? decision.Reason,
            Checks = [.. verdict.Guards.Select(g => new PairCheck(g.Guard, g.Passed, g.Reason))],
        };
    }

    private static string? FirstFailure(CandidateVerdict verdict) =>
        verdict.Guards.FirstOrDefault(g => !g.Passed) is { } failed ? failed.Guard + ": " + failed.Reason : null;
}
