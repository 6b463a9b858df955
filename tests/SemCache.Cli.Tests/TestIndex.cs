using Npgsql;

namespace SemCache.Tests;

/// <summary>
/// The vector index a CLI test runs on, chosen through SEMCACHE__ variables so every command picks it up: the embedded
/// index inside --data, or PostgreSQL (the test server) in a schema of its own that is dropped at the end.
/// </summary>
public sealed class TestIndex : IAsyncDisposable
{
    private const string ConnectionVariable = "SEMCACHE__POSTGRES__CONNECTIONSTRING";

    private readonly string? _schema;
    private readonly string? _connectionString;

    public TestIndex(string kind)
    {
        Kind = kind;
        if (kind == "postgres")
        {
            _connectionString = System.Environment.GetEnvironmentVariable(ConnectionVariable) is { Length: > 0 } value
                ? value
                : throw new InvalidOperationException(
                    $"{ConnectionVariable} is not set: run `eval \"$(scripts/services/up.sh)\"` in this shell, or `bash scripts/test.sh`.");
            _schema = "cli_" + Guid.NewGuid().ToString("N")[..12];
        }
    }

    /// <summary>embedded or postgres.</summary>
    public string Kind { get; }

    /// <summary>The variables selecting this index, plus <paramref name="extra"/>.</summary>
    public Dictionary<string, string> Environment(IReadOnlyDictionary<string, string>? extra = null)
    {
        var environment = new Dictionary<string, string> { ["SEMCACHE__INDEX"] = Kind };
        if (_schema is not null)
        {
            environment[ConnectionVariable] = _connectionString!;
            environment["SEMCACHE__POSTGRES__SCHEMA"] = _schema;
        }

        foreach (var (k, v) in extra ?? new Dictionary<string, string>())
        {
            environment[k] = v;
        }

        return environment;
    }

    public async ValueTask DisposeAsync()
    {
        if (_schema is null)
        {
            return;
        }

        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(_connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP SCHEMA IF EXISTS \"{_schema}\" CASCADE", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
