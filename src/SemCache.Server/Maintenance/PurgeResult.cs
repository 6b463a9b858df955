namespace SemCache.Server.Maintenance;

/// <summary>What a purge removed.</summary>
public sealed record PurgeResult(int Entries, int Aliases, int Vectors, int Blobs);
