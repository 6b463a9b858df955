namespace SemCache.Backfill;

/// <summary>The cache entry an object becomes: canonical key, partition, prompt and pixel parameters.</summary>
internal sealed record BackfillTarget(string Key, string Partition, string Prompt, IReadOnlyList<KeyValuePair<string, string>> Parameters);
