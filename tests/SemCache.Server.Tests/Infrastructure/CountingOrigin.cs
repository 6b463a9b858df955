using System.Collections.Concurrent;
using SemCache.Core.Origin;
using SemCache.Core.Requests;

namespace SemCache.Tests.Infrastructure;

/// <summary>Wraps an origin and counts calls per prompt, so tests can prove when the origin was (not) called.</summary>
public sealed class CountingOrigin(IImageOrigin inner) : IImageOrigin
{
    private readonly ConcurrentQueue<ImageRequest> _calls = new();

    public string Description => "counting " + inner.Description;

    public int Calls => _calls.Count;

    public IReadOnlyList<ImageRequest> Requests => _calls.ToArray();

    public Task<OriginResponse> GenerateAsync(ImageRequest request, CancellationToken cancellationToken = default)
    {
        _calls.Enqueue(request);
        return inner.GenerateAsync(request, cancellationToken);
    }
}
