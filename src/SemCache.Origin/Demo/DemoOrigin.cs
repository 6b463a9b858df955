using SemCache.Core.Origin;
using SemCache.Core.Requests;

namespace SemCache.Origin;

/// <summary>
/// A built-in generator for demos and tests: draws the prompt and its parameters into a PNG after an optional delay.
/// Deterministic (equal requests give identical bytes) and thread-safe.
/// </summary>
public sealed class DemoOrigin : IImageOrigin
{
    private readonly DemoOriginOptions _options;
    private readonly TimeProvider _timeProvider;

    public DemoOrigin(DemoOriginOptions? options = null, TimeProvider? timeProvider = null)
    {
        _options = options ?? new DemoOriginOptions();
        var errors = _options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", errors), nameof(options));
        }

        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    public string Description => $"demo (built-in renderer, delay {(long)_options.Delay.TotalMilliseconds} ms)";

    public async Task<OriginResponse> GenerateAsync(ImageRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var started = _timeProvider.GetTimestamp();
        if (_options.Delay > TimeSpan.Zero)
        {
            await Task.Delay(_options.Delay, _timeProvider, cancellationToken).ConfigureAwait(false);
        }

        cancellationToken.ThrowIfCancellationRequested();
        var png = DemoImageRenderer.Render(request, _options.MaxRenderSide);
        return new OriginResponse(200, "image/png", png, _timeProvider.GetElapsedTime(started));
    }
}
