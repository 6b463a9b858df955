using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Data.Sqlite;
using SemCache.Core.Index;
using SQLitePCL;

namespace SemCache.Index.Embedded;

/// <summary>
/// The durable copy of the index: one SQLite table in WAL mode. synchronous=NORMAL survives a process crash (the
/// WAL is written before each commit returns); a power cut may lose the last commits, which the cache can rebuild.
/// Not thread-safe: the index calls it under its write gate (and once at open); searches read through their own
/// read-only connections (<see cref="SqliteRowReader"/>).
/// </summary>
internal sealed class SqliteEntryTable : IDisposable
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS entries (
            key TEXT NOT NULL PRIMARY KEY,
            partition TEXT NOT NULL,
            embedder_id TEXT NOT NULL,
            prompt TEXT NOT NULL,
            blob_sha256 TEXT NOT NULL,
            created INTEGER NOT NULL,
            vector BLOB NOT NULL
        );
        """;

    private const string UpsertSql = """
        INSERT INTO entries (key, partition, embedder_id, prompt, blob_sha256, created, vector)
        VALUES ($key, $partition, $embedder, $prompt, $blob, $created, $vector)
        ON CONFLICT (key) DO UPDATE SET
            partition = excluded.partition, embedder_id = excluded.embedder_id, prompt = excluded.prompt,
            blob_sha256 = excluded.blob_sha256, created = excluded.created, vector = excluded.vector;
        """;

    private readonly SqliteConnection _connection;

    public SqliteEntryTable(string path)
    {
        // No pooling: the instance owns its connection for its lifetime, and Dispose must really close the file.
        var builder = new SqliteConnectionStringBuilder { DataSource = path, Pooling = false };
        _connection = new SqliteConnection(builder.ToString());
        _connection.Open();
        Execute("PRAGMA journal_mode=WAL;");
        Execute("PRAGMA synchronous=NORMAL;");
        Execute("PRAGMA busy_timeout=5000;");
        Execute(Schema);
    }

    /// <summary>
    /// Hands every row's key (ASCII hex bytes), place and fp32 vector to <paramref name="visit"/>; prompts and blob
    /// digests stay on disk until a search returns the row. Reads through SQLite's own API so a row costs no
    /// allocation: at 1M rows the strings and copies of the ADO.NET reader took most of the open time. The spans are
    /// valid only during the call; the partition and embedder strings are shared between rows.
    /// </summary>
    public void ReadAll(RowVisitor visit)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        var lookup = names.GetAlternateLookup<ReadOnlySpan<char>>();
        Span<char> chars = stackalloc char[256];
        string Name(ReadOnlySpan<byte> utf8, Span<char> buffer)
        {
            if (utf8.Length <= buffer.Length)
            {
                var length = Encoding.UTF8.GetChars(utf8, buffer);
                if (lookup.TryGetValue(buffer[..length], out var known))
                {
                    return known;
                }
            }

            var name = Encoding.UTF8.GetString(utf8);
            return names.TryAdd(name, name) ? name : names[name];
        }

        var status = raw.sqlite3_prepare_v2(_connection.Handle, "SELECT key, partition, embedder_id, vector FROM entries;", out var statement);
        using (statement)
        {
            SqliteException.ThrowExceptionForRC(status, _connection.Handle);
            while ((status = raw.sqlite3_step(statement)) == raw.SQLITE_ROW)
            {
                visit(
                    raw.sqlite3_column_blob(statement, 0),
                    Name(raw.sqlite3_column_blob(statement, 1), chars),
                    Name(raw.sqlite3_column_blob(statement, 2), chars),
                    MemoryMarshal.Cast<byte, float>(raw.sqlite3_column_blob(statement, 3)));
            }

            if (status != raw.SQLITE_DONE)
            {
                SqliteException.ThrowExceptionForRC(status, _connection.Handle);
            }
        }
    }

    /// <summary>
    /// Streams one (partition, embedder)'s keys and vectors (a rare path: after a label clash); each row's vector
    /// lives in a buffer reused for the next one.
    /// </summary>
    public IEnumerable<StoredRow> ReadShard(string partition, string embedderId) =>
        ReadRows("SELECT key, partition, embedder_id, vector FROM entries WHERE partition = $p AND embedder_id = $e;", (partition, embedderId));

    /// <summary>Writes all rows in one transaction: either every one lands or none does.</summary>
    public void Upsert(IReadOnlyList<IndexEntry> entries)
    {
        using var transaction = _connection.BeginTransaction();
        using var command = _connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = UpsertSql;
        var key = command.Parameters.Add("$key", SqliteType.Text);
        var partition = command.Parameters.Add("$partition", SqliteType.Text);
        var embedder = command.Parameters.Add("$embedder", SqliteType.Text);
        var prompt = command.Parameters.Add("$prompt", SqliteType.Text);
        var blob = command.Parameters.Add("$blob", SqliteType.Text);
        var created = command.Parameters.Add("$created", SqliteType.Integer);
        var vector = command.Parameters.Add("$vector", SqliteType.Blob);
        foreach (var entry in entries)
        {
            key.Value = entry.Key;
            partition.Value = entry.Partition;
            embedder.Value = entry.EmbedderId;
            prompt.Value = entry.Prompt;
            blob.Value = entry.BlobSha256;
            created.Value = entry.Created.ToUnixTimeMilliseconds();
            vector.Value = MemoryMarshal.AsBytes(entry.Vector.Span).ToArray();
            command.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    public void Delete(string key)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "DELETE FROM entries WHERE key = $key;";
        command.Parameters.AddWithValue("$key", key);
        command.ExecuteNonQuery();
    }

    public void Dispose() => _connection.Dispose();

    private IEnumerable<StoredRow> ReadRows(string sql, (string Partition, string EmbedderId) shard)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$p", shard.Partition);
        command.Parameters.AddWithValue("$e", shard.EmbedderId);

        using var reader = command.ExecuteReader();
        var bytes = Array.Empty<byte>();
        var floats = Array.Empty<float>();
        while (reader.Read())
        {
            var length = (int)reader.GetBytes(3, 0, null, 0, 0);
            if (bytes.Length < length)
            {
                bytes = new byte[length];
                floats = new float[length / sizeof(float)];
            }

            reader.GetBytes(3, 0, bytes, 0, length);
            Buffer.BlockCopy(bytes, 0, floats, 0, length);
            yield return new StoredRow(reader.GetString(0), reader.GetString(1), reader.GetString(2), floats.AsMemory(0, length / sizeof(float)));
        }
    }

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}

/// <summary>One row read at open; the spans point into SQLite's memory and are valid only during the call.</summary>
internal delegate void RowVisitor(ReadOnlySpan<byte> key, string partition, string embedderId, ReadOnlySpan<float> vector);
