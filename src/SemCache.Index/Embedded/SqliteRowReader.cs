using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;
using SemCache.Core.Index;
using SemCache.Core.Numerics;

namespace SemCache.Index.Embedded;

/// <summary>
/// A read-only connection to the index's SQLite file that turns a search's candidates into results: it reads each
/// candidate's fp32 vector, prompt and blob digest by key and scores the vector exactly. WAL lets it read beside the
/// writer without waiting for it. One search at a time: the index pools these.
/// </summary>
internal sealed class SqliteRowReader : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _select;
    private readonly SqliteParameter _key;
    private byte[] _bytes = new byte[1536];

    public SqliteRowReader(string path)
    {
        var builder = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false };
        _connection = new SqliteConnection(builder.ToString());
        _connection.Open();
        _select = _connection.CreateCommand();
        _select.CommandText = "SELECT partition, embedder_id, prompt, blob_sha256, vector FROM entries WHERE key = $key;";
        _key = _select.Parameters.Add("$key", SqliteType.Text);
        _select.Prepare();
    }

    /// <summary>
    /// The row of <paramref name="key"/> scored against the unit <paramref name="query"/>, or null when it is no
    /// longer in that (partition, embedder): a delete or a move that committed after the candidate was picked.
    /// </summary>
    public IndexCandidate? Score(string key, string partition, string embedderId, ReadOnlySpan<float> query)
    {
        _key.Value = key;
        using var reader = _select.ExecuteReader();
        if (!reader.Read() || reader.GetString(0) != partition || reader.GetString(1) != embedderId)
        {
            return null;
        }

        var length = (int)reader.GetBytes(4, 0, null, 0, 0);
        if (length != query.Length * sizeof(float))
        {
            return null;
        }

        if (_bytes.Length < length)
        {
            _bytes = new byte[length];
        }

        reader.GetBytes(4, 0, _bytes, 0, length);

        // Stored vectors are unit length (normalised before they were written), so the dot product is the cosine.
        var similarity = VectorMath.Dot(query, MemoryMarshal.Cast<byte, float>(_bytes.AsSpan(0, length)));
        return new IndexCandidate(key, reader.GetString(2), reader.GetString(3), similarity);
    }

    public void Dispose()
    {
        _select.Dispose();
        _connection.Dispose();
    }
}
