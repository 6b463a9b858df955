namespace SemCache.Core.Origin;

/// <summary>
/// What the origin answered. The body is read whole (bounded by a size limit) so it can be checked before storing.
/// A transport failure is a response too, with <see cref="Failure"/> set and a 502 or 504 status: no exceptions for control flow.
/// </summary>
public sealed record OriginResponse(int StatusCode, string? ContentType, byte[] Body, TimeSpan Elapsed)
{
    public OriginFailure Failure { get; init; } = OriginFailure.None;

    /// <summary>A short, credential-free reason for logs and problem details when <see cref="Failure"/> is set.</summary>
    public string? Detail { get; init; }

    public bool IsSuccess => Failure == OriginFailure.None && StatusCode is >= 200 and < 300;

    public static OriginResponse Failed(OriginFailure failure, TimeSpan elapsed, string detail) =>
        new(failure == OriginFailure.Timeout ? 504 : 502, null, [], elapsed) { Failure = failure, Detail = detail };
}
