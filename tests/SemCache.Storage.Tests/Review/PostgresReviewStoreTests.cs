using SemCache.Core.Review;
using SemCache.Index.Postgres;
using SemCache.Tests.Postgres;
using SemCache.Tests.Services;

namespace SemCache.Tests.Review;

/// <summary>The review-store contract on PostgreSQL (migration 2 in a schema of its own per test).</summary>
public sealed class PostgresReviewStoreTests(ServicesFixture services)
    : ReviewStoreContractTests, IClassFixture<ServicesFixture>, IAsyncLifetime
{
    private readonly PostgresSchemas _schemas = new(services);
    private readonly List<PostgresReviewStore> _open = [];

    protected override async Task<IReviewStore> OpenAsync(string scope)
    {
        if (_open.Count == 0)
        {
            _schemas.Adopt(scope);
        }

        var store = await PostgresReviewStore.OpenAsync(services.PostgresConnectionString, scope);
        _open.Add(store);
        return store;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var store in _open)
        {
            await store.DisposeAsync();
        }

        await _schemas.DisposeAsync();
    }
}
