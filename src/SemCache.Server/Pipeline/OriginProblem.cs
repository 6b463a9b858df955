namespace SemCache.Server.Pipeline;

/// <summary>The origin gave no usable image (and no fallback applied): sent as a problem with a 4xx, 502 or 504.</summary>
public sealed record OriginProblem : CacheResult
{
    public required int Status { get; init; }

    public required string Title { get; init; }

    public required string Detail { get; init; }

    public override int StatusCode => Status;
}
