using SemCache.Tests.Services;

namespace SemCache.Tests.Postgres;

/// <summary>Stops the shared PostgreSQL, so it runs alone (see <see cref="ServiceFaultsCollection"/>).</summary>
[Collection(ServiceFaultsCollection.Name)]
public sealed class PostgresRecoveryTests(ServicesFixture services) : IAsyncLifetime
{
    private readonly PostgresSchemas _schemas = new(services);

    [Fact]
    public async Task The_same_index_object_works_again_after_postgres_restarts()
    {
        var index = await _schemas.OpenAsync(_schemas.NewSchema());
        var vectors = new TestVectors(5);
        var before = PostgresSchemas.Entry(1, "p", vectors.Next());
        await index.UpsertAsync(before);
        Assert.Single(await index.SearchAsync("p", "test-embedder", before.Vector, 3));

        await ServiceScripts.PostgresAsync("stop");
        try
        {
            await Assert.ThrowsAnyAsync<Exception>(() => index.SearchAsync("p", "test-embedder", before.Vector, 3));
            await Assert.ThrowsAnyAsync<Exception>(() => index.UpsertAsync(PostgresSchemas.Entry(2, "p", vectors.Next())));
        }
        finally
        {
            await ServiceScripts.PostgresAsync("start");
        }

        var after = PostgresSchemas.Entry(3, "p", vectors.Next());
        await index.UpsertAsync(after);
        var found = await index.SearchAsync("p", "test-embedder", after.Vector, 3);
        Assert.Equal([after.Key, before.Key], found.Select(c => c.Key));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _schemas.DisposeAsync().AsTask();
}
