namespace SemCache.Backfill;

/// <summary>How the prompt and parameters of a stored object are recovered.</summary>
public enum KeyFormat
{
    /// <summary>A semcache store's own entries (their JSON holds prompt and parameters).</summary>
    Semcache,

    /// <summary>Objects named by the image.pollinations.ai worker (originalUrl metadata, else the key itself).</summary>
    Pollinations,

    /// <summary>A CSV or JSONL manifest of object key, prompt and parameters.</summary>
    Manifest,
}
