namespace SemCache.Server.Maintenance;

/// <summary>What one eviction pass removed, and what remains.</summary>
public sealed record EvictionResult(int Expired, int Evicted, int Aliases, int Blobs, long RemainingEntries, long RemainingBytes);
