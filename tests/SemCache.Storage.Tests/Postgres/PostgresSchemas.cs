using Npgsql;
using SemCache.Core.Index;
using SemCache.Index.Postgres;
using SemCache.Tests.Services;

namespace SemCache.Tests.Postgres;

/// <summary>Opens indexes in schemas of their own and drops those schemas when the test ends.</summary>
public sealed class PostgresSchemas(ServicesFixture services) : IAsyncDisposable
{
    private readonly List<string> _schemas = [];
    private readonly List<PostgresVectorIndex> _indexes = [];

    public string ConnectionString => services.PostgresConnectionString;

    /// <summary>Unpooled, so the test's own queries never meet a connection that a server restart has closed.</summary>
    private string AdminConnectionString =>
        new NpgsqlConnectionStringBuilder(ConnectionString) { Pooling = false }.ConnectionString;

    public string NewSchema()
    {
        var schema = ServicesFixture.UniqueName("t");
        _schemas.Add(schema);
        return schema;
    }

    /// <summary>Takes a name chosen elsewhere (a contract suite's scope) as a schema to drop at the end.</summary>
    public string Adopt(string schema)
    {
        _schemas.Add(schema);
        return schema;
    }

    public async Task<PostgresVectorIndex> OpenAsync(string schema, string? extraOptions = null)
    {
        var connectionString = extraOptions is null
            ? ConnectionString
            : new NpgsqlConnectionStringBuilder(ConnectionString) { Options = extraOptions }.ConnectionString;
        var index = await PostgresVectorIndex.OpenAsync(new PostgresIndexOptions { ConnectionString = connectionString, Schema = schema });
        _indexes.Add(index);
        return index;
    }

    public async Task<T> ScalarAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    public static IndexEntry Entry(int n, string partition, float[] vector, string embedder = "test-embedder") => new()
    {
        Key = TestVectors.Key(n),
        Partition = partition,
        EmbedderId = embedder,
        Prompt = "prompt " + n,
        Vector = vector,
        BlobSha256 = TestVectors.Key(n + 1_000_000),
        Created = DateTimeOffset.UtcNow,
    };

    public async ValueTask DisposeAsync()
    {
        foreach (var index in _indexes)
        {
            await index.DisposeAsync();
        }

        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        foreach (var schema in _schemas)
        {
            await using var command = new NpgsqlCommand($"DROP SCHEMA IF EXISTS \"{schema}\" CASCADE", connection);
            await command.ExecuteNonQueryAsync();
        }
    }
}
