using Npgsql;

namespace SemCache.Index.Postgres;

/// <summary>
/// Runs an operation on a pooled connection. On a transient failure it clears the pool and tries once more:
/// idle connections that a restarted server has closed fail on first use, and the retry gets a fresh one.
/// Still failing (the server is down): the exception surfaces and the caller degrades.
/// </summary>
internal sealed class PostgresConnections(NpgsqlDataSource dataSource) : IAsyncDisposable
{
    public async Task<T> RunAsync<T>(Func<NpgsqlConnection, Task<T>> operation, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
                return await operation(connection);
            }
            catch (NpgsqlException ex) when (ex.IsTransient && !cancellationToken.IsCancellationRequested)
            {
                dataSource.Clear();
                if (attempt > 0)
                {
                    throw;
                }
            }
        }
    }

    public ValueTask DisposeAsync() => dataSource.DisposeAsync();
}
