using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Npgsql;
using Pgvector;
using Pgvector.Npgsql;
using SemCache.Core.Index;

namespace SemCache.Index.Postgres;

/// <summary>
/// <see cref="IVectorIndex"/> on PostgreSQL + pgvector, shared by any number of nodes. Failures surface as
/// exceptions; the pool drops broken connections, so the index works again as soon as the server is back.
/// </summary>
public sealed partial class PostgresVectorIndex : IVectorIndex, IAsyncDisposable
{
    private const int AnalyzeAfter = 1000;
    private const int ListPageSize = 1000;

    private readonly PostgresConnections _connections;
    private readonly PostgresIndexOptions _options;
    private readonly PostgresIndexSql _sql;
    private readonly ConcurrentDictionary<int, bool> _indexedDimensions = new();

    private PostgresVectorIndex(NpgsqlDataSource dataSource, PostgresIndexOptions options)
    {
        _options = options;
        _sql = new PostgresIndexSql(Quote(options.Schema));
        _connections = new PostgresConnections(dataSource, MigrateAsync);
    }

    /// <summary>
    /// Creates the index without touching the database (for dependency injection): the migrations run, once and
    /// asynchronously, in <see cref="InitializeAsync"/> or before the first operation.
    /// </summary>
    public static PostgresVectorIndex Create(PostgresIndexOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!SchemaName().IsMatch(options.Schema))
        {
            throw new ArgumentException($"Schema '{options.Schema}' must match {SchemaName()}.", nameof(options));
        }

        var builder = new NpgsqlConnectionStringBuilder(options.ConnectionString);
        // Per session, so every pooled connection searches the same way without an extra round trip per query.
        builder.Options = string.Create(
            CultureInfo.InvariantCulture,
            $"{builder.Options} -c hnsw.iterative_scan=relaxed_order -c hnsw.ef_search={options.EfSearch}").Trim();
        var dataSourceBuilder = new NpgsqlDataSourceBuilder(builder.ConnectionString);
        dataSourceBuilder.UseVector();
        return new PostgresVectorIndex(dataSourceBuilder.Build(), options);
    }

    /// <summary>Runs the migrations (under an advisory lock, so nodes may start together) and opens the index.</summary>
    public static async Task<PostgresVectorIndex> OpenAsync(PostgresIndexOptions options, CancellationToken cancellationToken = default)
    {
        var index = Create(options);
        try
        {
            await index.InitializeAsync(cancellationToken);
            return index;
        }
        catch
        {
            await index.DisposeAsync();
            throw;
        }
    }

    /// <summary>Runs the migrations now (once; later calls return at once) so a bad connection fails at start-up.</summary>
    public Task InitializeAsync(CancellationToken cancellationToken = default) => _connections.PrepareAsync(cancellationToken);

    private async Task MigrateAsync(CancellationToken cancellationToken)
    {
        // Migrations first, on a data source of their own: the vector type must exist before the data source with
        // UseVector() loads the database's types (at its first connection), or writing a Vector parameter fails.
        await using var plain = NpgsqlDataSource.Create(_options.ConnectionString);
        await PostgresMigrations.RunAsync(plain, Quote(_options.Schema), cancellationToken);
    }

    public async Task UpsertAsync(IndexEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        await _connections.RunAsync(async connection =>
        {
            await using var command = new NpgsqlCommand(_sql.Upsert, connection);
            AddEntryParameters(command, entry);
            return await command.ExecuteNonQueryAsync(cancellationToken);
        }, cancellationToken);
        await EnsureHnswAsync(entry.Vector.Length, cancellationToken);
    }

    /// <summary>Binary COPY into a staging table, then one merge: fast for bulk loads and migrations.</summary>
    public async Task UpsertManyAsync(IReadOnlyList<IndexEntry> entries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Count == 0)
        {
            return;
        }

        // ON CONFLICT may touch a row once per statement: the last entry of a key wins, as with single upserts.
        var unique = new Dictionary<string, IndexEntry>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            unique[entry.Key] = entry;
        }

        await _connections.RunAsync(async connection =>
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await PostgresMigrations.ExecuteAsync(connection, _sql.CreateStaging, cancellationToken);
            await PostgresBulkCopy.WriteAsync(connection, _sql.CopyStaging, unique.Values, cancellationToken);
            await PostgresMigrations.ExecuteAsync(connection, _sql.MergeStaging, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            if (unique.Count >= AnalyzeAfter)
            {
                // Fresh statistics at once: until autovacuum gets there, the planner may pick a sequential scan.
                await PostgresMigrations.ExecuteAsync(connection, _sql.Analyze, cancellationToken);
            }

            return 0;
        }, cancellationToken);

        // After the rows are in, so a first bulk load builds the graph in one pass instead of row by row.
        foreach (var dimensions in unique.Values.Select(e => e.Vector.Length).Distinct())
        {
            await EnsureHnswAsync(dimensions, cancellationToken);
        }
    }

    public async Task<IReadOnlyList<IndexCandidate>> SearchAsync(
        string partition,
        string embedderId,
        ReadOnlyMemory<float> vector,
        int count,
        CancellationToken cancellationToken = default)
    {
        if (count <= 0 || vector.IsEmpty)
        {
            return [];
        }

        return await _connections.RunAsync(async connection =>
        {
            await using var command = new NpgsqlCommand(_sql.Search(vector.Length), connection);
            command.Parameters.Add(new NpgsqlParameter { Value = new Vector(vector), DataTypeName = "vector" });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = partition });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = embedderId });
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = count });
            var candidates = new List<IndexCandidate>(count);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var similarity = (float)(1 - reader.GetDouble(3));
                candidates.Add(new IndexCandidate(reader.GetString(0), reader.GetString(1), reader.GetString(2), similarity)
                {
                    Vector = reader.GetFieldValue<Vector>(4).ToArray(),
                });
            }

            return (IReadOnlyList<IndexCandidate>)candidates;
        }, cancellationToken);
    }

    public Task<bool> ContainsAsync(string key, CancellationToken cancellationToken = default) =>
        _connections.RunAsync(async connection =>
        {
            await using var command = new NpgsqlCommand(_sql.Contains, connection);
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key });
            return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
        }, cancellationToken);

    public Task<bool> RemoveAsync(string key, CancellationToken cancellationToken = default) =>
        _connections.RunAsync(async connection =>
        {
            await using var command = new NpgsqlCommand(_sql.Remove, connection);
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key });
            return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
        }, cancellationToken);

    public Task<IReadOnlyDictionary<string, long>> CountByPartitionAsync(CancellationToken cancellationToken = default) =>
        _connections.RunAsync(async connection =>
        {
            await using var command = new NpgsqlCommand(_sql.CountByPartition, connection);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var counts = new Dictionary<string, long>(StringComparer.Ordinal);
            while (await reader.ReadAsync(cancellationToken))
            {
                counts[reader.GetString(0)] = reader.GetInt64(1);
            }

            return (IReadOnlyDictionary<string, long>)counts;
        }, cancellationToken);

    /// <summary>Pages of <see cref="ListPageSize"/> rows, one short query each, so millions of rows never sit in memory.</summary>
    public async IAsyncEnumerable<IndexedKey> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        string? after = null;
        while (true)
        {
            var last = after;
            var page = await _connections.RunAsync(async connection =>
            {
                await using var command = new NpgsqlCommand(last is null ? _sql.ListFirst : _sql.ListAfter, connection);
                command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = ListPageSize });
                if (last is not null)
                {
                    command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = last });
                }

                var rows = new List<IndexedKey>(ListPageSize);
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    rows.Add(new IndexedKey(reader.GetString(0), reader.GetString(1), reader.GetString(2)));
                }

                return rows;
            }, cancellationToken);

            foreach (var row in page)
            {
                yield return row;
            }

            if (page.Count < ListPageSize)
            {
                yield break;
            }

            after = page[^1].Key;
        }
    }

    public ValueTask DisposeAsync() => _connections.DisposeAsync();

    private async Task EnsureHnswAsync(int dimensions, CancellationToken cancellationToken)
    {
        if (dimensions == 0 || _indexedDimensions.ContainsKey(dimensions))
        {
            return;
        }

        await _connections.RunAsync(async connection =>
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            // Serialised with other nodes' builds (CREATE INDEX IF NOT EXISTS alone can race), but not with
            // migrations: a node may start while another builds a large graph.
            await PostgresMigrations.LockAsync(connection, "semcache:hnsw:" + _options.Schema, cancellationToken);
            await PostgresMigrations.ExecuteAsync(
                connection, _sql.CreateHnsw(dimensions, _options.HnswM, _options.HnswEfConstruction), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return 0;
        }, cancellationToken);
        _indexedDimensions[dimensions] = true;
    }

    private static void AddEntryParameters(NpgsqlCommand command, IndexEntry entry)
    {
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = entry.Key });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = entry.Partition });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = entry.EmbedderId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = entry.Prompt });
        command.Parameters.Add(new NpgsqlParameter { Value = new Vector(entry.Vector), DataTypeName = "vector" });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = entry.BlobSha256 });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = entry.Created.ToUniversalTime() });
    }

    internal static string Quote(string schema) => "\"" + schema + "\"";

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$")]
    internal static partial Regex SchemaName();
}
