namespace SemCache.Origin;

/// <summary>
/// Connection, timeout, retry and circuit-breaker settings of an HTTP origin. Every default is explained in
/// docs/origins.md; <see cref="Validate"/> reports all invalid settings at once.
/// </summary>
public sealed record HttpOriginOptions
{
    /// <summary>The origin's base address, e.g. <c>https://image.pollinations.ai</c> (no query, no user info).</summary>
    public required Uri BaseUrl { get; init; }

    /// <summary>Time allowed to open a TCP (and TLS) connection (default 5 s). A dead host fails fast and is retried.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Time allowed for the whole call, retries and body included (default 120 s: generation can take a minute).</summary>
    public TimeSpan TotalTimeout { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>
    /// Longest wait for the next bytes of a body once the headers arrived (default 30 s). A body that stops ends as
    /// <see cref="OriginFailure.Timeout"/> (504) instead of holding the request for the whole <see cref="TotalTimeout"/>.
    /// </summary>
    public TimeSpan BodyIdleTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Retries after a connect failure or a 502/503/504 (default 2; 0 turns retries off).</summary>
    public int MaxRetries { get; init; } = 2;

    /// <summary>First retry delay, doubled each time with jitter (default 0.5 s).</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The largest body accepted (default 20 MiB); a bigger answer is dropped as <see cref="OriginFailure.TooLarge"/>.</summary>
    public long MaxBodyBytes { get; init; } = 20L * 1024 * 1024;

    /// <summary>Share of failed calls in the sampling window that opens the breaker (default 0.5).</summary>
    public double BreakerFailureRatio { get; init; } = 0.5;

    /// <summary>Calls needed in the window before the breaker may open (default 10).</summary>
    public int BreakerMinimumThroughput { get; init; } = 10;

    /// <summary>The sliding window in which failures are counted (default 30 s).</summary>
    public TimeSpan BreakerSamplingDuration { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an open breaker rejects calls before one trial call is let through (default 15 s).</summary>
    public TimeSpan BreakerBreakDuration { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Every invalid setting, each naming the setting; empty when the options can be used.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (BaseUrl is null || !BaseUrl.IsAbsoluteUri || (BaseUrl.Scheme != Uri.UriSchemeHttp && BaseUrl.Scheme != Uri.UriSchemeHttps))
        {
            errors.Add($"{nameof(BaseUrl)} must be an absolute http or https URL.");
        }
        else if (BaseUrl.Query.Length > 0 || BaseUrl.Fragment.Length > 0 || BaseUrl.UserInfo.Length > 0)
        {
            // Anything here would be sent and logged with every request; credentials belong to the client's request.
            errors.Add($"{nameof(BaseUrl)} must not contain a query, a fragment or user info.");
        }

        // The ranges below are the ones Polly accepts, so a valid options object always builds a pipeline.
        Range(errors, nameof(ConnectTimeout), ConnectTimeout, TimeSpan.FromMilliseconds(1), TimeSpan.FromHours(1));
        Range(errors, nameof(TotalTimeout), TotalTimeout, TimeSpan.FromMilliseconds(10), TimeSpan.FromHours(24));
        Range(errors, nameof(BodyIdleTimeout), BodyIdleTimeout, TimeSpan.FromMilliseconds(1), TimeSpan.FromHours(24));
        if (MaxRetries is < 0 or > 10)
        {
            errors.Add($"{nameof(MaxRetries)} must be from 0 to 10.");
        }

        Range(errors, nameof(RetryBaseDelay), RetryBaseDelay, TimeSpan.Zero, TimeSpan.FromHours(1));
        if (MaxBodyBytes < 1 || MaxBodyBytes > Array.MaxLength)
        {
            errors.Add($"{nameof(MaxBodyBytes)} must be from 1 to {Array.MaxLength} bytes.");
        }

        if (!(BreakerFailureRatio > 0 && BreakerFailureRatio <= 1))
        {
            errors.Add($"{nameof(BreakerFailureRatio)} must be greater than 0 and at most 1.");
        }

        if (BreakerMinimumThroughput < 2)
        {
            errors.Add($"{nameof(BreakerMinimumThroughput)} must be at least 2.");
        }

        Range(errors, nameof(BreakerSamplingDuration), BreakerSamplingDuration, TimeSpan.FromMilliseconds(500), TimeSpan.FromDays(1));
        Range(errors, nameof(BreakerBreakDuration), BreakerBreakDuration, TimeSpan.FromMilliseconds(500), TimeSpan.FromDays(1));
        return errors;
    }

    internal void ThrowIfInvalid()
    {
        var errors = Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid HTTP origin options: " + string.Join(" ", errors));
        }
    }

    private static void Range(List<string> errors, string name, TimeSpan value, TimeSpan min, TimeSpan max)
    {
        if (value < min || value > max)
        {
            errors.Add($"{name} must be from {min} to {max}.");
        }
    }
}
