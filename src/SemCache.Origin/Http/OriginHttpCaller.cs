using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;
using SemCache.Core.Origin;

namespace SemCache.Origin;

/// <summary>
/// Sends one logical origin call through the resilience pipeline (total timeout, retry, circuit breaker) and turns
/// every transport outcome into an <see cref="OriginResponse"/>. Throws only when the caller's token is cancelled.
/// Shared by the HTTP origins; one instance per origin so the breaker sees all of its calls.
/// </summary>
internal sealed class OriginHttpCaller
{
    private readonly HttpClient _client;
    private readonly HttpOriginOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;
    private readonly ResiliencePipeline<OriginResponse> _pipeline;

    public OriginHttpCaller(HttpClient client, HttpOriginOptions options, ILogger logger, TimeProvider timeProvider)
    {
        _client = client;
        _options = options;
        _logger = logger;
        _timeProvider = timeProvider;
        _pipeline = OriginPipeline.Build(options, logger, timeProvider);
    }

    public async Task<OriginResponse> SendAsync(Func<HttpRequestMessage> createRequest, string method, string logPath, CancellationToken cancellationToken)
    {
        var started = _timeProvider.GetTimestamp();
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(OriginPipeline.CallerToken, cancellationToken);
        context.Properties.Set(OriginPipeline.LogPath, logPath);
        OriginResponse response;
        try
        {
            response = await _pipeline.ExecuteAsync(
                static (ctx, state) => state.Self.AttemptAsync(state.CreateRequest, ctx.CancellationToken),
                context,
                (Self: this, CreateRequest: createRequest)).ConfigureAwait(false);
        }
        catch (TimeoutRejectedException)
        {
            response = Fail(OriginFailure.Timeout, $"no complete answer within {_options.TotalTimeout.TotalMilliseconds:0} ms");
        }
        catch (BrokenCircuitException)
        {
            response = Fail(OriginFailure.CircuitOpen, "the origin failed repeatedly; calls are paused");
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }

        response = response with { Elapsed = _timeProvider.GetElapsedTime(started) };
        if (response.Failure == OriginFailure.None)
        {
            OriginLog.Answered(_logger, method, logPath, response.StatusCode, response.Body.Length, (long)response.Elapsed.TotalMilliseconds);
        }
        else
        {
            OriginLog.Failed(_logger, method, logPath, response.Failure, response.Detail, (long)response.Elapsed.TotalMilliseconds);
        }

        return response;
    }

    private async ValueTask<OriginResponse> AttemptAsync(Func<HttpRequestMessage> createRequest, CancellationToken cancellationToken)
    {
        var started = _timeProvider.GetTimestamp();
        using var request = createRequest();
        HttpResponseMessage answer;
        try
        {
            answer = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex) when (!cancellationToken.IsCancellationRequested)
        {
            var failure = IsConnectFailure(ex) ? OriginFailure.ConnectFailed : OriginFailure.Other;
            return OriginResponse.Failed(failure, _timeProvider.GetElapsedTime(started), Describe(ex));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Not our token: the handler's ConnectTimeout expired.
            return OriginResponse.Failed(OriginFailure.ConnectFailed, _timeProvider.GetElapsedTime(started), "connect timed out");
        }

        using (answer)
        {
            try
            {
                var (status, body) = await BoundedBodyReader.ReadAsync(
                    answer.Content, _options.MaxBodyBytes, _options.BodyIdleTimeout, _timeProvider, cancellationToken).ConfigureAwait(false);
                var elapsed = _timeProvider.GetElapsedTime(started);
                return status switch
                {
                    BodyReadStatus.TooLarge => OriginResponse.Failed(OriginFailure.TooLarge, elapsed, $"body larger than {_options.MaxBodyBytes} bytes"),
                    BodyReadStatus.Truncated => OriginResponse.Failed(OriginFailure.Truncated, elapsed, "body shorter than its Content-Length"),
                    BodyReadStatus.Stalled => OriginResponse.Failed(
                        OriginFailure.Timeout, elapsed, $"the body stopped: no bytes for {_options.BodyIdleTimeout.TotalMilliseconds:0} ms"),
                    _ => new OriginResponse((int)answer.StatusCode, answer.Content.Headers.ContentType?.ToString(), body, elapsed),
                };
            }
            catch (Exception ex) when (ex is IOException or HttpRequestException && !cancellationToken.IsCancellationRequested)
            {
                return OriginResponse.Failed(OriginFailure.Truncated, _timeProvider.GetElapsedTime(started), "connection lost mid-body: " + Describe(ex));
            }
            catch (Exception) when (cancellationToken.IsCancellationRequested)
            {
                // A read cut by our own cancellation may surface as an IOException; report it as the cancellation it is
                // so the timeout strategy recognises its own timeout.
                cancellationToken.ThrowIfCancellationRequested();
                throw;
            }
        }
    }

    private OriginResponse Fail(OriginFailure failure, string detail) =>
        OriginResponse.Failed(failure, TimeSpan.Zero, detail);

    private static bool IsConnectFailure(HttpRequestException ex) =>
        ex.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError
            or HttpRequestError.SecureConnectionError or HttpRequestError.ProxyTunnelError or HttpRequestError.ResponseEnded
        || ex.InnerException is SocketException || ex.InnerException?.InnerException is SocketException;

    // Exception messages from the handler name the host and port, never the query.
    private static string Describe(Exception ex) =>
        ex is HttpRequestException { HttpRequestError: not HttpRequestError.Unknown } h ? h.HttpRequestError.ToString() : ex.GetType().Name;
}
