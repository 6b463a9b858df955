using SemCache.Core.Requests;

namespace SemCache.Core.Origin;

/// <summary>The real generator behind the cache. Implementations: the demo renderer and an HTTP origin.</summary>
public interface IImageOrigin
{
    /// <summary>A short description for logs and start-up output (never a credential).</summary>
    string Description { get; }

    Task<OriginResponse> GenerateAsync(ImageRequest request, CancellationToken cancellationToken = default);
}
