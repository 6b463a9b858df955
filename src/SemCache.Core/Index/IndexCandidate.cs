namespace SemCache.Core.Index;

/// <summary>A stored prompt near a query, with its cosine similarity.</summary>
public sealed record IndexCandidate(string Key, string Prompt, string BlobSha256, float Similarity);
