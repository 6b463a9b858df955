using Npgsql;

namespace SemCache.Index.Postgres;

/// <summary>
/// Runs an operation on a pooled connection. On a transient failure it clears the pool and tries once more:
/// idle connections that a restarted server has closed fail on first use, and the retry gets a fresh one.
/// Still failing (the server is down): the exception surfaces and the caller degrades.
/// Before the first operation, <c>prepare</c> (the migrations) runs once; a failed preparation is tried again by the
/// next operation, so an index opened while PostgreSQL is down works once it is back.
/// </summary>
internal sealed class PostgresConnections(NpgsqlDataSource dataSource, Func<CancellationToken, Task> prepare) : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private Task? _prepared;

    /// <summary>Runs the preparation once (shared by concurrent callers, each of whom may stop waiting).</summary>
    public Task PrepareAsync(CancellationToken cancellationToken)
    {
        Task prepared;
        lock (_gate)
        {
            if (_prepared is null || _prepared.IsFaulted || _prepared.IsCanceled)
            {
                // Not the caller's token: one caller giving up must not fail the preparation for the others.
                _prepared = prepare(CancellationToken.None);
            }

            prepared = _prepared;
        }

        return prepared.IsCompletedSuccessfully ? Task.CompletedTask : prepared.WaitAsync(cancellationToken);
    }

    public async Task<T> RunAsync<T>(Func<NpgsqlConnection, Task<T>> operation, CancellationToken cancellationToken)
    {
        await PrepareAsync(cancellationToken);
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
