using Npgsql;

namespace SemCache.Index.Postgres;

/// <summary>
/// Versioned schema changes, applied in order at start-up. Every node runs them; a transaction-scoped advisory lock
/// makes concurrent starts take turns, and schema_migrations records what is done so each step runs once.
/// </summary>
internal static class PostgresMigrations
{
    private static readonly (int Version, string Name, string Sql)[] Steps =
    [
        (1, "entries", """
            CREATE TABLE {schema}.entries (
                id bigserial PRIMARY KEY,
                key text NOT NULL UNIQUE,
                partition text NOT NULL,
                embedder_id text NOT NULL,
                prompt text NOT NULL,
                vector vector NOT NULL,
                blob_sha256 text NOT NULL,
                created timestamptz NOT NULL,
                last_hit timestamptz NULL,
                hit_count bigint NOT NULL DEFAULT 0);
            CREATE INDEX entries_partition_embedder ON {schema}.entries (partition, embedder_id);
            """),
        (2, "review", """
            CREATE TABLE {schema}.recorded_pairs (
                id text PRIMARY KEY,
                recorded_at timestamptz NOT NULL,
                mode text NOT NULL,
                partition text NOT NULL,
                partition_description text NOT NULL,
                model text NOT NULL,
                query_key text NOT NULL,
                query_prompt text NOT NULL,
                query_sha256 text NOT NULL,
                candidate_key text NOT NULL,
                candidate_prompt text NOT NULL,
                candidate_sha256 text NOT NULL,
                similarity real NOT NULL,
                threshold real NOT NULL,
                decision text NOT NULL,
                reason text NOT NULL,
                checks jsonb NOT NULL);
            CREATE INDEX recorded_pairs_time ON {schema}.recorded_pairs (recorded_at);
            CREATE INDEX recorded_pairs_query ON {schema}.recorded_pairs (query_key);
            CREATE INDEX recorded_pairs_candidate ON {schema}.recorded_pairs (candidate_key);
            CREATE TABLE {schema}.pair_labels (
                pair_id text PRIMARY KEY REFERENCES {schema}.recorded_pairs (id) ON DELETE CASCADE,
                acceptable boolean NOT NULL,
                reviewer text NOT NULL,
                labelled_at timestamptz NOT NULL);
            """),
    ];

    internal static async Task RunAsync(NpgsqlDataSource dataSource, string schema, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        // The extension is database-wide, so its lock is too; it is held only for this short transaction.
        await using (var extension = await connection.BeginTransactionAsync(cancellationToken))
        {
            await LockAsync(connection, "semcache:extension", cancellationToken);
            await ExecuteAsync(connection, "CREATE EXTENSION IF NOT EXISTS vector", cancellationToken);
            await extension.CommitAsync(cancellationToken);
        }

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await LockAsync(connection, "semcache:migrations:" + schema, cancellationToken);
        await ExecuteAsync(connection, $"""
            CREATE SCHEMA IF NOT EXISTS {schema};
            CREATE TABLE IF NOT EXISTS {schema}.schema_migrations (
                version integer PRIMARY KEY,
                name text NOT NULL,
                applied timestamptz NOT NULL DEFAULT now());
            """, cancellationToken);

        var applied = new HashSet<int>();
        await using (var command = new NpgsqlCommand($"SELECT version FROM {schema}.schema_migrations", connection))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                applied.Add(reader.GetInt32(0));
            }
        }

        foreach (var (version, name, sql) in Steps)
        {
            if (applied.Contains(version))
            {
                continue;
            }

            await ExecuteAsync(connection, sql.Replace("{schema}", schema, StringComparison.Ordinal), cancellationToken);
            await using var record = new NpgsqlCommand(
                $"INSERT INTO {schema}.schema_migrations (version, name) VALUES ($1, $2)", connection);
            record.Parameters.Add(new NpgsqlParameter<int> { TypedValue = version });
            record.Parameters.Add(new NpgsqlParameter<string> { TypedValue = name });
            await record.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>A transaction-scoped advisory lock named by text: released at commit or rollback, even on a crash.</summary>
    internal static async Task LockAsync(NpgsqlConnection connection, string name, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtext($1))", connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = name });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    internal static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
