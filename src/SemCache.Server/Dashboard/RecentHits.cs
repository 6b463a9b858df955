using SemCache.Core.Index;
using SemCache.Core.Requests;

namespace SemCache.Server.Dashboard;

/// <summary>
/// The last semantic hits, newest first, for the dashboard's gallery. A small fixed ring in memory: nothing is kept
/// across restarts, and private requests never get here (they bypass the semantic tier).
/// </summary>
public sealed class RecentHits(TimeProvider time)
{
    public const int Capacity = 24;

    private readonly RecentHit[] _ring = new RecentHit[Capacity];
    private readonly Lock _lock = new();
    private int _next;
    private int _count;

    public void Add(ImageRequest request, IndexCandidate match)
    {
        var hit = new RecentHit(time.GetUtcNow(), request.CanonicalPrompt, match.Prompt, match.Similarity, match.BlobSha256, request.Partition, request.PartitionDescription);
        lock (_lock)
        {
            _ring[_next] = hit;
            _next = (_next + 1) % Capacity;
            _count = Math.Min(_count + 1, Capacity);
        }
    }

    public IReadOnlyList<RecentHit> Snapshot()
    {
        lock (_lock)
        {
            var list = new List<RecentHit>(_count);
            for (var i = 1; i <= _count; i++)
            {
                list.Add(_ring[(_next - i + Capacity) % Capacity]);
            }

            return list;
        }
    }
}
