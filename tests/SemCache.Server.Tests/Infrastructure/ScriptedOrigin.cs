using SemCache.Core.Origin;
using SemCache.Core.Requests;

namespace SemCache.Tests.Infrastructure;

/// <summary>An origin whose answer a test decides (error pages, non-images, failures).</summary>
public sealed class ScriptedOrigin(Func<ImageRequest, OriginResponse> answer) : IImageOrigin
{
    public string Description => "scripted";

    public Task<OriginResponse> GenerateAsync(ImageRequest request, CancellationToken cancellationToken = default) =>
        Task.FromResult(answer(request));
}
