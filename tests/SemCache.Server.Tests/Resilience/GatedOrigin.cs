using SemCache.Core.Origin;
using SemCache.Core.Requests;

namespace SemCache.Tests.Resilience;

/// <summary>
/// An origin that holds every call until the test opens the gate, so a test decides when "slow" ends. Records
/// whether the token it was given was ever cancelled.
/// </summary>
public sealed class GatedOrigin : IImageOrigin
{
    private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _cancelled;

    public string Description => "gated";

    /// <summary>Completes when the first call has arrived.</summary>
    public Task Entered => _entered.Task;

    public bool TokenCancelled => Volatile.Read(ref _cancelled) != 0;

    public void Open() => _gate.TrySetResult();

    public async Task<OriginResponse> GenerateAsync(ImageRequest request, CancellationToken cancellationToken = default)
    {
        using var watch = cancellationToken.Register(() => Interlocked.Exchange(ref _cancelled, 1));
        _entered.TrySetResult();
        await _gate.Task;
        return new OriginResponse(200, "image/png", TestPng.For(request.Prompt), TimeSpan.FromMilliseconds(1));
    }
}
