namespace SemCache.Server.Pipeline;

/// <summary>A stored entry waiting for its vector; <see cref="Vector"/> is set when the request already embedded it.</summary>
public sealed record IndexEntryJob(string Key, string Prompt, string Partition, string BlobSha256, DateTimeOffset Created, float[]? Vector);
