using Npgsql;
using NpgsqlTypes;
using SemCache.Core.Review;

namespace SemCache.Index.Postgres;

/// <summary>
/// <see cref="IReviewStore"/> in the index's schema (tables recorded_pairs and pair_labels, migration 2), so every
/// node records into and reviews the same pairs. Opening runs the migrations under their advisory lock.
/// </summary>
public sealed class PostgresReviewStore : IReviewStore, IAsyncDisposable
{
    private const string Columns = """
        p.id, p.recorded_at, p.mode, p.partition, p.partition_description, p.model, p.query_key, p.query_prompt,
        p.query_sha256, p.candidate_key, p.candidate_prompt, p.candidate_sha256, p.similarity, p.threshold, p.decision,
        p.reason, p.checks::text, l.acceptable, l.reviewer, l.labelled_at
        """;

    private readonly PostgresConnections _connections;
    private readonly string _schema;

    private PostgresReviewStore(NpgsqlDataSource dataSource, string quotedSchema)
    {
        // The tables come with the index's migrations, run before the first operation (and again after a failure).
        _connections = new PostgresConnections(dataSource, ct => PostgresMigrations.RunAsync(dataSource, quotedSchema, ct));
        _schema = quotedSchema;
    }

    /// <summary>A store that connects and migrates on first use, so a node starts while PostgreSQL is still down.</summary>
    public static PostgresReviewStore Create(string connectionString, string schema)
    {
        if (!PostgresVectorIndex.SchemaName().IsMatch(schema))
        {
            throw new ArgumentException($"Schema '{schema}' must match {PostgresVectorIndex.SchemaName()}.", nameof(schema));
        }

        return new PostgresReviewStore(NpgsqlDataSource.Create(connectionString), PostgresVectorIndex.Quote(schema));
    }

    public static async Task<PostgresReviewStore> OpenAsync(string connectionString, string schema, CancellationToken cancellationToken = default)
    {
        if (!PostgresVectorIndex.SchemaName().IsMatch(schema))
        {
            throw new ArgumentException($"Schema '{schema}' must match {PostgresVectorIndex.SchemaName()}.", nameof(schema));
        }

        var dataSource = NpgsqlDataSource.Create(connectionString);
        try
        {
            await PostgresMigrations.RunAsync(dataSource, PostgresVectorIndex.Quote(schema), cancellationToken);
        }
        catch
        {
            await dataSource.DisposeAsync();
            throw;
        }

        return new PostgresReviewStore(dataSource, PostgresVectorIndex.Quote(schema));
    }

    public Task RecordAsync(RecordedPair pair, CancellationToken cancellationToken = default) => _connections.RunAsync(async connection =>
    {
        await using var command = new NpgsqlCommand($"""
            INSERT INTO {_schema}.recorded_pairs (id, recorded_at, mode, partition, partition_description, model, query_key,
                query_prompt, query_sha256, candidate_key, candidate_prompt, candidate_sha256, similarity, threshold, decision,
                reason, checks)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)
            ON CONFLICT (id) DO NOTHING
            """, connection);
        Add(command, pair.Id);
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = pair.RecordedAt.ToUniversalTime() });
        foreach (var text in new[] { pair.Mode, pair.Partition, pair.PartitionDescription, pair.Model, pair.QueryKey, pair.QueryPrompt, pair.QuerySha256, pair.CandidateKey, pair.CandidatePrompt, pair.CandidateSha256 })
        {
            Add(command, text);
        }

        command.Parameters.Add(new NpgsqlParameter<float> { TypedValue = pair.Similarity });
        command.Parameters.Add(new NpgsqlParameter<float> { TypedValue = pair.Threshold });
        Add(command, pair.Decision);
        Add(command, pair.Reason);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = PairCheckJson.Write(pair.Checks), NpgsqlDbType = NpgsqlDbType.Jsonb });
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }, cancellationToken);

    public Task<IReadOnlyList<RecordedPair>> ListAsync(ReviewFilter filter, CancellationToken cancellationToken = default) => _connections.RunAsync<IReadOnlyList<RecordedPair>>(async connection =>
    {
        ArgumentNullException.ThrowIfNull(filter);
        await using var command = new NpgsqlCommand { Connection = connection };
        var where = new List<string>();
        void Where(string clause, NpgsqlParameter value)
        {
            command.Parameters.Add(value);
            where.Add(clause.Replace("?", "$" + command.Parameters.Count, StringComparison.Ordinal));
        }

        if (filter.Partition is not null)
        {
            Where("p.partition = ?", new NpgsqlParameter<string> { TypedValue = filter.Partition });
        }

        if (filter.Model is not null)
        {
            Where("p.model = ?", new NpgsqlParameter<string> { TypedValue = filter.Model });
        }

        if (filter.MinSimilarity is { } min)
        {
            Where("p.similarity >= ?", new NpgsqlParameter<float> { TypedValue = min });
        }

        if (filter.MaxSimilarity is { } max)
        {
            Where("p.similarity < ?", new NpgsqlParameter<float> { TypedValue = max });
        }

        if (filter.Labelled is { } labelled)
        {
            where.Add(labelled ? "l.pair_id IS NOT NULL" : "l.pair_id IS NULL");
        }

        if (filter.LabelledSince is { } since)
        {
            Where("l.labelled_at >= ?", new NpgsqlParameter<DateTimeOffset> { TypedValue = since.ToUniversalTime() });
        }

        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = filter.Limit });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = filter.Offset });
        var n = command.Parameters.Count;
        command.CommandText = $"""
            SELECT {Columns} FROM {_schema}.recorded_pairs p LEFT JOIN {_schema}.pair_labels l ON l.pair_id = p.id
            {(where.Count > 0 ? "WHERE " + string.Join(" AND ", where) : "")}
            ORDER BY p.recorded_at DESC, p.id LIMIT ${n - 1} OFFSET ${n}
            """;
        return await ReadPairsAsync(command, cancellationToken);
    }, cancellationToken);

    public Task<RecordedPair?> GetAsync(string id, CancellationToken cancellationToken = default) => _connections.RunAsync(async connection =>
    {
        await using var command = new NpgsqlCommand(
            $"SELECT {Columns} FROM {_schema}.recorded_pairs p LEFT JOIN {_schema}.pair_labels l ON l.pair_id = p.id WHERE p.id = $1", connection);
        Add(command, id);
        return (await ReadPairsAsync(command, cancellationToken)).FirstOrDefault();
    }, cancellationToken);

    public Task<bool> LabelAsync(string id, PairLabel label, CancellationToken cancellationToken = default) => _connections.RunAsync(async connection =>
    {
        await using var command = new NpgsqlCommand($"""
            INSERT INTO {_schema}.pair_labels (pair_id, acceptable, reviewer, labelled_at)
            SELECT id, $2, $3, $4 FROM {_schema}.recorded_pairs WHERE id = $1
            ON CONFLICT (pair_id) DO UPDATE SET acceptable = excluded.acceptable, reviewer = excluded.reviewer,
                labelled_at = excluded.labelled_at
            """, connection);
        Add(command, id);
        command.Parameters.Add(new NpgsqlParameter<bool> { TypedValue = label.Acceptable });
        Add(command, label.Reviewer);
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = label.LabelledAt.ToUniversalTime() });
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }, cancellationToken);

    public Task<int> RemoveByKeysAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default)
    {
        if (keys.Count == 0)
        {
            return Task.FromResult(0);
        }

        return _connections.RunAsync(async connection =>
        {
            await using var command = new NpgsqlCommand(
                $"DELETE FROM {_schema}.recorded_pairs WHERE query_key = ANY($1) OR candidate_key = ANY($1)", connection);
            command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. keys] });
            return await command.ExecuteNonQueryAsync(cancellationToken);
        }, cancellationToken);
    }

    public Task<int> TrimAsync(DateTimeOffset recordedBefore, int maxPairs, CancellationToken cancellationToken = default) => _connections.RunAsync(async connection =>
    {
        await using var command = new NpgsqlCommand($"""
            DELETE FROM {_schema}.recorded_pairs WHERE recorded_at < $1
                OR id IN (SELECT id FROM {_schema}.recorded_pairs ORDER BY recorded_at DESC, id OFFSET $2)
            """, connection);
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = recordedBefore.ToUniversalTime() });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = Math.Max(0, maxPairs) });
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }, cancellationToken);

    public Task<ReviewCounts> CountAsync(CancellationToken cancellationToken = default) => _connections.RunAsync(async connection =>
    {
        long pairs, labelled;
        await using (var totals = new NpgsqlCommand(
            $"SELECT (SELECT count(*) FROM {_schema}.recorded_pairs), (SELECT count(*) FROM {_schema}.pair_labels)", connection))
        await using (var reader = await totals.ExecuteReaderAsync(cancellationToken))
        {
            await reader.ReadAsync(cancellationToken);
            pairs = reader.GetInt64(0);
            labelled = reader.GetInt64(1);
        }

        await using var command = new NpgsqlCommand($"""
            SELECT p.partition, max(p.partition_description), count(*), count(*) FILTER (WHERE NOT l.acceptable)
            FROM {_schema}.recorded_pairs p JOIN {_schema}.pair_labels l ON l.pair_id = p.id
            WHERE p.decision = 'hit' GROUP BY p.partition ORDER BY count(*) DESC
            """, connection);
        await using var rows = await command.ExecuteReaderAsync(cancellationToken);
        var partitions = new List<PartitionLabels>();
        while (await rows.ReadAsync(cancellationToken))
        {
            partitions.Add(new PartitionLabels(rows.GetString(0), rows.GetString(1), rows.GetInt64(2), rows.GetInt64(3)));
        }

        return new ReviewCounts(pairs, labelled, partitions);
    }, cancellationToken);

    public ValueTask DisposeAsync() => _connections.DisposeAsync();

    private static void Add(NpgsqlCommand command, string value) => command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = value });

    private static async Task<IReadOnlyList<RecordedPair>> ReadPairsAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var pairs = new List<RecordedPair>();
        while (await reader.ReadAsync(cancellationToken))
        {
            pairs.Add(new RecordedPair
            {
                Id = reader.GetString(0),
                RecordedAt = reader.GetFieldValue<DateTimeOffset>(1),
                Mode = reader.GetString(2),
                Partition = reader.GetString(3),
                PartitionDescription = reader.GetString(4),
                Model = reader.GetString(5),
                QueryKey = reader.GetString(6),
                QueryPrompt = reader.GetString(7),
                QuerySha256 = reader.GetString(8),
                CandidateKey = reader.GetString(9),
                CandidatePrompt = reader.GetString(10),
                CandidateSha256 = reader.GetString(11),
                Similarity = reader.GetFloat(12),
                Threshold = reader.GetFloat(13),
                Decision = reader.GetString(14),
                Reason = reader.GetString(15),
                Checks = PairCheckJson.Read(reader.GetString(16)),
                Label = reader.IsDBNull(17) ? null : new PairLabel(
                    reader.GetBoolean(17), reader.GetString(18), reader.GetFieldValue<DateTimeOffset>(19)),
            });
        }

        return pairs;
    }
}
