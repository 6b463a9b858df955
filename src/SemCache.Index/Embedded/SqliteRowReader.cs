using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Data.Sqlite;
using SemCache.Core.Index;
using SemCache.Core.Numerics;

namespace SemCache.Index.Embedded;

/// <summary>
/// A read-only connection to the index's SQLite file that turns a search's candidates into results: one statement
/// reads every candidate's fp32 vector, prompt and blob digest by key (one snapshot, one round trip) and each vector
/// is scored exactly. WAL lets it read beside the writer without waiting for it. One search at a time: the index
/// pools these.
/// </summary>
internal sealed class SqliteRowReader : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _select;
    private readonly SqliteParameter _keys;
    private readonly StringBuilder _json = new();
    private byte[] _bytes = new byte[1536];

    public SqliteRowReader(string path)
    {
        var builder = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false };
        _connection = new SqliteConnection(builder.ToString());
        _connection.Open();
        using (var map = _connection.CreateCommand())
        {
            // Pages read through a memory map instead of a read() per page: a search's candidates are random rows
            // (16 by default), each a few B-tree pages, and those syscalls were a third of a search at 1M rows
            // (docs/benchmarks.md). Address space only; SQLite caps it at its compile-time limit. Safe because
            // index.db never shrinks under a reader (no VACUUM, no auto_vacuum).
            map.CommandText = "PRAGMA mmap_size=17179869184;";
            map.ExecuteNonQuery();
        }

        _select = _connection.CreateCommand();
        _select.CommandText = """
            SELECT key, partition, embedder_id, prompt, blob_sha256, vector FROM entries
            WHERE key IN (SELECT value FROM json_each($keys));
            """;
        _keys = _select.Parameters.Add("$keys", SqliteType.Text);
        _select.Prepare();
    }

    /// <summary>
    /// Adds to <paramref name="results"/> each candidate still in that (partition, embedder), scored against the
    /// unit <paramref name="query"/>. A candidate deleted or moved after it was picked is not found and is left out.
    /// </summary>
    /// <param name="vectors">Receives the vector of the i-th added result at i × dimension (keys.Length × dimension long).</param>
    public void Score(string[] keys, string partition, string embedderId, ReadOnlySpan<float> query, List<IndexCandidate> results, Span<float> vectors)
    {
        // Keys are validated lowercase hex, so the JSON array needs no escaping.
        _json.Clear().Append('[');
        foreach (var key in keys)
        {
            _json.Append(_json.Length > 1 ? ",\"" : "\"").Append(key).Append('"');
        }

        _keys.Value = _json.Append(']').ToString();
        using var reader = _select.ExecuteReader();
        while (reader.Read())
        {
            var length = (int)reader.GetBytes(5, 0, null, 0, 0);
            if (length != query.Length * sizeof(float) || reader.GetString(1) != partition || reader.GetString(2) != embedderId)
            {
                continue;
            }

            if (_bytes.Length < length)
            {
                _bytes = new byte[length];
            }

            reader.GetBytes(5, 0, _bytes, 0, length);

            // Stored vectors are unit length (normalised before they were written), so the dot product is the cosine.
            var stored = MemoryMarshal.Cast<byte, float>(_bytes.AsSpan(0, length));
            var similarity = VectorMath.Dot(query, stored);
            // A blob digest edited into nonsense on disk names no image: such a row is never returned.
            var blob = reader.GetString(4);
            if (Digest256.TryParse(blob, out _))
            {
                stored.CopyTo(vectors.Slice(results.Count * query.Length, query.Length));
                results.Add(new IndexCandidate(reader.GetString(0), reader.GetString(3), blob, similarity));
            }
        }
    }

    public void Dispose()
    {
        _select.Dispose();
        _connection.Dispose();
    }
}
