using Microsoft.Extensions.Logging;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;
using SemCache.Core.Origin;

namespace SemCache.Origin;

/// <summary>
/// Builds the resilience pipeline of an HTTP origin: total timeout (outermost, so it bounds retries and body reads),
/// then retry, then the circuit breaker (innermost, so every attempt counts). See docs/origins.md.
/// </summary>
internal static class OriginPipeline
{
    /// <summary>The caller's own token: cancellation by the caller is not an origin failure.</summary>
    public static readonly ResiliencePropertyKey<CancellationToken> CallerToken = new("semcache.origin.caller-token");

    public static readonly ResiliencePropertyKey<string> LogPath = new("semcache.origin.log-path");

    public static ResiliencePipeline<OriginResponse> Build(HttpOriginOptions options, ILogger logger, TimeProvider timeProvider)
    {
        var builder = new ResiliencePipelineBuilder<OriginResponse> { TimeProvider = timeProvider };
        builder.AddTimeout(new TimeoutStrategyOptions { Timeout = options.TotalTimeout });
        if (options.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<OriginResponse>
            {
                MaxRetryAttempts = options.MaxRetries,
                Delay = options.RetryBaseDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = args => ValueTask.FromResult(IsRetryable(args.Outcome)),
                OnRetry = args =>
                {
                    OriginLog.Retrying(
                        logger,
                        args.Context.Properties.GetValue(LogPath, string.Empty),
                        args.AttemptNumber + 1,
                        Reason(args.Outcome),
                        (long)args.RetryDelay.TotalMilliseconds);
                    return ValueTask.CompletedTask;
                },
            });
        }

        builder.AddCircuitBreaker(new CircuitBreakerStrategyOptions<OriginResponse>
        {
            FailureRatio = options.BreakerFailureRatio,
            MinimumThroughput = options.BreakerMinimumThroughput,
            SamplingDuration = options.BreakerSamplingDuration,
            BreakDuration = options.BreakerBreakDuration,
            ShouldHandle = args => ValueTask.FromResult(IsBreakerFailure(args.Outcome, args.Context)),
            OnOpened = args =>
            {
                OriginLog.CircuitOpened(logger, (long)args.BreakDuration.TotalMilliseconds);
                return ValueTask.CompletedTask;
            },
            OnClosed = _ =>
            {
                OriginLog.CircuitClosed(logger);
                return ValueTask.CompletedTask;
            },
        });
        return builder.Build();
    }

    /// <summary>
    /// Only failures that say nothing was generated are retried: no connection, or a gateway/availability answer.
    /// 4xx (the request is wrong) and other 5xx (the generator failed on this prompt) would fail again.
    /// </summary>
    internal static bool IsRetryable(Outcome<OriginResponse> outcome) =>
        outcome.Result is { } r
        && (r.Failure == OriginFailure.ConnectFailed || (r.Failure == OriginFailure.None && r.StatusCode is 502 or 503 or 504));

    /// <summary>Breaker failures: the origin is unreachable, slow, cuts bodies, or answers 5xx.</summary>
    internal static bool IsBreakerFailure(Outcome<OriginResponse> outcome, ResilienceContext context)
    {
        if (outcome.Exception is OperationCanceledException)
        {
            // A timeout counts; a caller who went away does not.
            return !context.Properties.GetValue(CallerToken, CancellationToken.None).IsCancellationRequested;
        }

        return outcome.Result is { } r
            && (r.Failure is OriginFailure.ConnectFailed or OriginFailure.Truncated or OriginFailure.Timeout
                || (r.Failure == OriginFailure.None && r.StatusCode >= 500));
    }

    private static string Reason(Outcome<OriginResponse> outcome) =>
        outcome.Result is { Failure: OriginFailure.None } r ? $"status {r.StatusCode}" : outcome.Result?.Failure.ToString() ?? "error";
}
