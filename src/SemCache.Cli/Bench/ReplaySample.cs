namespace SemCache.Cli.Bench;

/// <summary>One replayed request: what the cache answered and how long it took (client side and server side).</summary>
public sealed record ReplaySample(string Outcome, int Status, double ClientMs, double? ServerMs, double? OriginMs);
