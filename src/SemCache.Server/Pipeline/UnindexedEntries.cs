namespace SemCache.Server.Pipeline;

/// <summary>
/// Raised when a write to the index failed, so stored entries may lack their vector; the
/// <see cref="IndexReconciler"/> looks for them again once the index answers. The store is the durable record: a
/// restart in between loses nothing, the start-up reconciliation finds the same entries.
/// </summary>
public sealed class UnindexedEntries
{
    private int _pending;

    public bool Pending => Volatile.Read(ref _pending) == 1;

    public void Mark() => Volatile.Write(ref _pending, 1);

    /// <summary>True once per <see cref="Mark"/>: a failure during the pass that follows marks it again.</summary>
    public bool TryTake() => Interlocked.Exchange(ref _pending, 0) == 1;
}
