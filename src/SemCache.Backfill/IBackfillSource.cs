namespace SemCache.Backfill;

/// <summary>A listing of stored images, streamed in a stable order, and a way to read each one.</summary>
public interface IBackfillSource : IDisposable
{
    string Description { get; }

    /// <summary>The items after <paramref name="after"/> (a <see cref="BackfillItem.Position"/>), in listing order.</summary>
    IAsyncEnumerable<BackfillItem> ListAsync(string? after, CancellationToken cancellationToken);

    /// <summary>The object's bytes, or null when it vanished since the listing.</summary>
    Task<SourceObject?> ReadAsync(BackfillItem item, CancellationToken cancellationToken);
}
