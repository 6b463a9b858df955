namespace SemCache.Core.Origin;

/// <summary>Why an origin call produced no usable answer; mapped to 502 or 504 by the server.</summary>
public enum OriginFailure
{
    None,
    Timeout,
    ConnectFailed,
    CircuitOpen,
    TooLarge,
    Truncated,
    Other,
}
