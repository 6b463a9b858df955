using SemCache.Core.Index;
using SemCache.Tests.Contracts;
using SemCache.Tests.Services;

namespace SemCache.Tests.Postgres;

/// <summary>The shared index contract on PostgreSQL + pgvector; each test's scope is a schema of its own.</summary>
public sealed class PostgresVectorIndexContractTests(ServicesFixture services)
    : VectorIndexContractTests, IClassFixture<ServicesFixture>, IAsyncLifetime
{
    private readonly PostgresSchemas _schemas = new(services);

    protected override async Task<IVectorIndex> CreateIndexAsync(string scope) =>
        await _schemas.OpenAsync(_schemas.Adopt(scope));

    protected override async Task<IVectorIndex> ReopenIndexAsync(string scope) => await _schemas.OpenAsync(scope);

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _schemas.DisposeAsync().AsTask();
}
