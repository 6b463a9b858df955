using System.Security.Cryptography;
using System.Text;

namespace SemCache.Index.Embedded;

/// <summary>
/// HNSW graphs of the large shards: loaded from <c>{directory}/graphs</c> when they match the rows read from SQLite,
/// else built (in the background by default, while searches scan int8 codes). SQLite stays the source of truth: a graph
/// file that is missing, stale or unreadable only costs a rebuild.
/// </summary>
public sealed partial class EmbeddedVectorIndex
{
    private const int BuildChunkRows = 256;

    /// <summary>Shards searched through a graph now (the rest are scanned).</summary>
    public int GraphCount
    {
        get
        {
            _memoryLock.EnterReadLock();
            try
            {
                return _shards.Values.Count(s => s.Graph is not null);
            }
            finally
            {
                _memoryLock.ExitReadLock();
            }
        }
    }

    /// <summary>Waits until no graph is being built (tests and benchmarks; a server never needs to).</summary>
    public async Task WaitForGraphsAsync(CancellationToken cancellationToken = default)
    {
        Task[] running;
        lock (_builds)
        {
            running = [.. _builds];
        }

        await Task.WhenAll(running).WaitAsync(cancellationToken);
    }

    private string GraphPath(VectorShard shard)
    {
        var name = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(shard.Partition + "\n" + shard.EmbedderId)))[..32];
        return Path.Combine(_directory, "graphs", name + ".usearch");
    }

    /// <summary>At open: every large shard gets its saved graph or a build. Caller holds no lock (nothing runs yet).</summary>
    private void OpenGraphs()
    {
        if (_approximate.MinRows == 0)
        {
            return;
        }

        foreach (var shard in _shards.Values.Where(s => s.Count >= _approximate.MinRows && !s.LabelClash))
        {
            if (ShardGraph.TryLoad(GraphPath(shard), GraphStamp.For(shard, _approximate), _approximate.ExpansionSearch) is { } saved)
            {
                shard.BeginBuild();
                shard.Attach(saved);
            }
            else
            {
                StartGraph(shard);
                SaveGraph(shard); // a graph built at once is saved at once, as a background build saves its own
            }
        }
    }

    /// <summary>After a shard grew: give it a graph once it is large enough. Caller holds the gate and the write lock.</summary>
    private void ConsiderGraph(VectorShard shard)
    {
        if (_approximate.MinRows > 0 && shard.Count >= _approximate.MinRows && shard.Graph is null && !shard.Building && !shard.LabelClash)
        {
            StartGraph(shard);
        }
    }

    private void StartGraph(VectorShard shard)
    {
        shard.BeginBuild();
        if (!_approximate.BuildInBackground)
        {
            var graph = new ShardGraph(shard.Dimension, _approximate);
            graph.Reserve(shard.Count);
            var labels = new ulong[BuildChunkRows];
            var codes = new sbyte[BuildChunkRows * shard.Dimension];
            for (int start = 0, copied; (copied = shard.CopyRows(start, labels, codes)) > 0; start += copied)
            {
                for (var i = 0; i < copied; i++)
                {
                    graph.Add(labels[i], codes.AsSpan(i * shard.Dimension, shard.Dimension));
                }
            }

            shard.Attach(graph);
            return;
        }

        lock (_builds)
        {
            Task? build = null;
            build = Task.Run(() =>
            {
                try
                {
                    Build(shard);
                }
                finally
                {
                    lock (_builds)
                    {
                        _builds.Remove(build!);
                    }
                }
            });
            _builds.Add(build);
        }
    }

    /// <summary>
    /// Copies rows a chunk at a time under the read lock and links them outside it, so searches and writes go on;
    /// then replays what changed meanwhile and attaches the graph under the write lock, and saves it.
    /// </summary>
    private void Build(VectorShard shard)
    {
        var graph = new ShardGraph(shard.Dimension, _approximate);
        try
        {
            graph.Reserve(shard.Count);
            var labels = new ulong[BuildChunkRows];
            var codes = new sbyte[BuildChunkRows * shard.Dimension];
            var start = 0;
            while (true)
            {
                int copied;
                _memoryLock.EnterReadLock();
                try
                {
                    if (_disposed || !shard.Building)
                    {
                        return;
                    }

                    copied = shard.CopyRows(start, labels, codes);
                }
                finally
                {
                    _memoryLock.ExitReadLock();
                }

                if (copied == 0)
                {
                    break;
                }

                for (var i = 0; i < copied; i++)
                {
                    if (!graph.Contains(labels[i]))
                    {
                        graph.Add(labels[i], codes.AsSpan(i * shard.Dimension, shard.Dimension));
                    }
                }

                start += copied;
            }

            lock (_writeGate)
            {
                if (_disposed || !shard.Building)
                {
                    return;
                }

                _memoryLock.EnterWriteLock();
                try
                {
                    shard.Attach(graph);
                    graph = null;
                }
                finally
                {
                    _memoryLock.ExitWriteLock();
                }

                SaveGraph(shard);
            }
        }
        catch (Exception)
        {
            // A graph that cannot be built leaves the shard on int8 scans, still re-scored exactly: slower, never wrong.
            lock (_writeGate)
            {
                shard.AbortBuild();
            }
        }
        finally
        {
            graph?.Dispose();
        }
    }

    /// <summary>Saves a shard's graph if it changed since loaded or saved. Caller holds the gate (no writer runs).</summary>
    private void SaveGraph(VectorShard shard)
    {
        if (shard.Graph is not { Changed: true } graph)
        {
            return;
        }

        try
        {
            var path = GraphPath(shard);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            graph.Save(path, GraphStamp.For(shard, _approximate));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or Cloud.Unum.USearch.USearchException)
        {
            // Only a cache: the next open rebuilds it.
        }
    }

    /// <summary>At close: save the graphs that changed, then free them. Caller holds the gate and has set _disposed.</summary>
    private void CloseGraphs()
    {
        foreach (var shard in _shards.Values)
        {
            SaveGraph(shard);
            shard.DisposeGraph();
        }
    }
}
