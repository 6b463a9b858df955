using System.Globalization;
using Microsoft.Data.Sqlite;
using SemCache.Core.Review;

namespace SemCache.Index.Embedded;

/// <summary>
/// <see cref="IReviewStore"/> in <c>{index directory}/review.db</c>, a SQLite file of its own beside the vector index
/// (WAL, so <c>semcache labels</c> can read it while a server writes). Schema steps are numbered in user_version.
/// One connection behind a gate: review traffic is a few writes per second at most.
/// </summary>
public sealed class SqliteReviewStore : IReviewStore, IDisposable
{
    public const string FileName = "review.db";

    // Each step runs once, in order, in one transaction with the user_version bump.
    private static readonly string[] Steps =
    [
        """
        CREATE TABLE recorded_pairs (
            id TEXT NOT NULL PRIMARY KEY,
            recorded_at INTEGER NOT NULL,
            mode TEXT NOT NULL,
            partition TEXT NOT NULL,
            partition_description TEXT NOT NULL,
            model TEXT NOT NULL,
            query_key TEXT NOT NULL,
            query_prompt TEXT NOT NULL,
            query_sha256 TEXT NOT NULL,
            candidate_key TEXT NOT NULL,
            candidate_prompt TEXT NOT NULL,
            candidate_sha256 TEXT NOT NULL,
            similarity REAL NOT NULL,
            threshold REAL NOT NULL,
            decision TEXT NOT NULL,
            reason TEXT NOT NULL,
            checks TEXT NOT NULL);
        CREATE INDEX recorded_pairs_time ON recorded_pairs (recorded_at);
        CREATE INDEX recorded_pairs_query ON recorded_pairs (query_key);
        CREATE INDEX recorded_pairs_candidate ON recorded_pairs (candidate_key);
        CREATE TABLE pair_labels (
            pair_id TEXT NOT NULL PRIMARY KEY REFERENCES recorded_pairs (id) ON DELETE CASCADE,
            acceptable INTEGER NOT NULL,
            reviewer TEXT NOT NULL,
            labelled_at INTEGER NOT NULL);
        """,
    ];

    private readonly SqliteConnection _connection;
    private readonly SemaphoreSlim _gate = new(1, 1);

    private SqliteReviewStore(SqliteConnection connection)
    {
        _connection = connection;
    }

    /// <summary>Opens (or creates and migrates) the review database in <paramref name="indexDirectory"/>.</summary>
    public static SqliteReviewStore Open(string indexDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(indexDirectory);
        Directory.CreateDirectory(indexDirectory);
        var builder = new SqliteConnectionStringBuilder { DataSource = Path.Combine(indexDirectory, FileName), Pooling = false };
        var connection = new SqliteConnection(builder.ToString());
        try
        {
            connection.Open();
            Execute(connection, "PRAGMA busy_timeout=5000; PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;");
            Migrate(connection);
            return new SqliteReviewStore(connection);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    public Task RecordAsync(RecordedPair pair, CancellationToken cancellationToken = default) => RunAsync(() =>
    {
        using var command = _connection.CreateCommand();
        command.CommandText = """
            INSERT OR IGNORE INTO recorded_pairs (id, recorded_at, mode, partition, partition_description, model, query_key,
                query_prompt, query_sha256, candidate_key, candidate_prompt, candidate_sha256, similarity, threshold, decision,
                reason, checks)
            VALUES ($id, $at, $mode, $partition, $description, $model, $qkey, $qprompt, $qsha, $ckey, $cprompt, $csha,
                $similarity, $threshold, $decision, $reason, $checks);
            """;
        var p = command.Parameters;
        p.AddWithValue("$id", pair.Id);
        p.AddWithValue("$at", pair.RecordedAt.ToUnixTimeMilliseconds());
        p.AddWithValue("$mode", pair.Mode);
        p.AddWithValue("$partition", pair.Partition);
        p.AddWithValue("$description", pair.PartitionDescription);
        p.AddWithValue("$model", pair.Model);
        p.AddWithValue("$qkey", pair.QueryKey);
        p.AddWithValue("$qprompt", pair.QueryPrompt);
        p.AddWithValue("$qsha", pair.QuerySha256);
        p.AddWithValue("$ckey", pair.CandidateKey);
        p.AddWithValue("$cprompt", pair.CandidatePrompt);
        p.AddWithValue("$csha", pair.CandidateSha256);
        p.AddWithValue("$similarity", (double)pair.Similarity);
        p.AddWithValue("$threshold", (double)pair.Threshold);
        p.AddWithValue("$decision", pair.Decision);
        p.AddWithValue("$reason", pair.Reason);
        p.AddWithValue("$checks", PairCheckJson.Write(pair.Checks));
        command.ExecuteNonQuery();
        return true;
    }, cancellationToken);

    public Task<IReadOnlyList<RecordedPair>> ListAsync(ReviewFilter filter, CancellationToken cancellationToken = default) => RunAsync<IReadOnlyList<RecordedPair>>(() =>
    {
        ArgumentNullException.ThrowIfNull(filter);
        using var command = _connection.CreateCommand();
        var where = new List<string>();
        if (filter.Partition is not null)
        {
            where.Add("p.partition = $partition");
            command.Parameters.AddWithValue("$partition", filter.Partition);
        }

        if (filter.Model is not null)
        {
            where.Add("p.model = $model");
            command.Parameters.AddWithValue("$model", filter.Model);
        }

        if (filter.MinSimilarity is { } min)
        {
            where.Add("p.similarity >= $min");
            command.Parameters.AddWithValue("$min", (double)min);
        }

        if (filter.MaxSimilarity is { } max)
        {
            where.Add("p.similarity < $max");
            command.Parameters.AddWithValue("$max", (double)max);
        }

        if (filter.Labelled is { } labelled)
        {
            where.Add(labelled ? "l.pair_id IS NOT NULL" : "l.pair_id IS NULL");
        }

        if (filter.LabelledSince is { } since)
        {
            where.Add("l.labelled_at >= $since");
            command.Parameters.AddWithValue("$since", since.ToUnixTimeMilliseconds());
        }

        command.CommandText = $"""
            SELECT {Columns} FROM recorded_pairs p LEFT JOIN pair_labels l ON l.pair_id = p.id
            {(where.Count > 0 ? "WHERE " + string.Join(" AND ", where) : "")}
            ORDER BY p.recorded_at DESC, p.id LIMIT $limit OFFSET $offset;
            """;
        command.Parameters.AddWithValue("$limit", filter.Limit);
        command.Parameters.AddWithValue("$offset", filter.Offset);
        return ReadPairs(command);
    }, cancellationToken);

    public Task<RecordedPair?> GetAsync(string id, CancellationToken cancellationToken = default) => RunAsync(() =>
    {
        using var command = _connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM recorded_pairs p LEFT JOIN pair_labels l ON l.pair_id = p.id WHERE p.id = $id;";
        command.Parameters.AddWithValue("$id", id);
        return ReadPairs(command).FirstOrDefault();
    }, cancellationToken);

    public Task<bool> LabelAsync(string id, PairLabel label, CancellationToken cancellationToken = default) => RunAsync(() =>
    {
        using var command = _connection.CreateCommand();
        command.CommandText = """
            INSERT INTO pair_labels (pair_id, acceptable, reviewer, labelled_at)
            SELECT id, $acceptable, $reviewer, $at FROM recorded_pairs WHERE id = $id
            ON CONFLICT (pair_id) DO UPDATE SET acceptable = excluded.acceptable, reviewer = excluded.reviewer,
                labelled_at = excluded.labelled_at;
            """;
        command.Parameters.AddWithValue("$id", id);
        command.Parameters.AddWithValue("$acceptable", label.Acceptable ? 1 : 0);
        command.Parameters.AddWithValue("$reviewer", label.Reviewer);
        command.Parameters.AddWithValue("$at", label.LabelledAt.ToUnixTimeMilliseconds());
        return command.ExecuteNonQuery() > 0;
    }, cancellationToken);

    public Task<int> RemoveByKeysAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default) => RunAsync(() =>
    {
        if (keys.Count == 0)
        {
            return 0;
        }

        using var transaction = _connection.BeginTransaction();
        using var command = _connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "DELETE FROM recorded_pairs WHERE query_key = $key OR candidate_key = $key;";
        var key = command.Parameters.Add("$key", SqliteType.Text);
        var removed = 0;
        foreach (var k in keys)
        {
            key.Value = k;
            removed += command.ExecuteNonQuery();
        }

        transaction.Commit();
        return removed;
    }, cancellationToken);

    public Task<int> TrimAsync(DateTimeOffset recordedBefore, int maxPairs, CancellationToken cancellationToken = default) => RunAsync(() =>
    {
        using var command = _connection.CreateCommand();
        command.CommandText = """
            DELETE FROM recorded_pairs WHERE recorded_at < $before
                OR id IN (SELECT id FROM recorded_pairs ORDER BY recorded_at DESC, id LIMIT -1 OFFSET $max);
            """;
        command.Parameters.AddWithValue("$before", recordedBefore.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$max", Math.Max(0, maxPairs));
        return command.ExecuteNonQuery();
    }, cancellationToken);

    public Task<ReviewCounts> CountAsync(CancellationToken cancellationToken = default) => RunAsync(() =>
    {
        long pairs, labelled;
        using (var totals = _connection.CreateCommand())
        {
            totals.CommandText = "SELECT (SELECT count(*) FROM recorded_pairs), (SELECT count(*) FROM pair_labels);";
            using var reader = totals.ExecuteReader();
            reader.Read();
            pairs = reader.GetInt64(0);
            labelled = reader.GetInt64(1);
        }

        using var command = _connection.CreateCommand();
        command.CommandText = """
            SELECT p.partition, max(p.partition_description), count(*), sum(CASE WHEN l.acceptable = 0 THEN 1 ELSE 0 END)
            FROM recorded_pairs p JOIN pair_labels l ON l.pair_id = p.id
            WHERE p.decision = 'hit' GROUP BY p.partition ORDER BY count(*) DESC;
            """;
        using var rows = command.ExecuteReader();
        var partitions = new List<PartitionLabels>();
        while (rows.Read())
        {
            partitions.Add(new PartitionLabels(rows.GetString(0), rows.GetString(1), rows.GetInt64(2), rows.GetInt64(3)));
        }

        return new ReviewCounts(pairs, labelled, partitions);
    }, cancellationToken);

    public void Dispose()
    {
        _gate.Wait();
        try
        {
            _connection.Dispose();
        }
        finally
        {
            _gate.Release();
        }
    }

    private const string Columns = """
        p.id, p.recorded_at, p.mode, p.partition, p.partition_description, p.model, p.query_key, p.query_prompt,
        p.query_sha256, p.candidate_key, p.candidate_prompt, p.candidate_sha256, p.similarity, p.threshold, p.decision,
        p.reason, p.checks, l.acceptable, l.reviewer, l.labelled_at
        """;

    private static List<RecordedPair> ReadPairs(SqliteCommand command)
    {
        using var reader = command.ExecuteReader();
        var pairs = new List<RecordedPair>();
        while (reader.Read())
        {
            pairs.Add(new RecordedPair
            {
                Id = reader.GetString(0),
                RecordedAt = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)),
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
                Similarity = (float)reader.GetDouble(12),
                Threshold = (float)reader.GetDouble(13),
                Decision = reader.GetString(14),
                Reason = reader.GetString(15),
                Checks = PairCheckJson.Read(reader.GetString(16)),
                Label = reader.IsDBNull(17) ? null : new PairLabel(
                    reader.GetInt64(17) != 0, reader.GetString(18), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(19))),
            });
        }

        return pairs;
    }

    private async Task<T> RunAsync<T>(Func<T> work, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            return work();
        }
        finally
        {
            _gate.Release();
        }
    }

    private static void Migrate(SqliteConnection connection)
    {
        // BEGIN IMMEDIATE (the default here) takes the write lock first, so a server and a CLI opening the file
        // together take turns, and each re-reads the version inside its own transaction.
        while (true)
        {
            using var transaction = connection.BeginTransaction();
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "PRAGMA user_version;";
            var version = Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
            if (version >= Steps.Length)
            {
                transaction.Commit();
                return;
            }

            command.CommandText = Steps[version] + $"\nPRAGMA user_version = {version + 1};";
            command.ExecuteNonQuery();
            transaction.Commit();
        }
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
