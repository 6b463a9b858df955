using SemCache.Tests.Services;

namespace SemCache.Tests.Postgres;

public sealed class PostgresVectorIndexTests(ServicesFixture services) : IClassFixture<ServicesFixture>, IAsyncLifetime
{
    private readonly PostgresSchemas _schemas = new(services);

    [Fact]
    public async Task Migrations_run_once_when_two_nodes_start_together_and_again_later()
    {
        var schema = _schemas.NewSchema();

        var started = await Task.WhenAll(_schemas.OpenAsync(schema), _schemas.OpenAsync(schema));
        var third = await _schemas.OpenAsync(schema);

        // One row per step (1 entries, 2 review), each applied once however many nodes started.
        Assert.Equal(2L, await _schemas.ScalarAsync<long>($"SELECT count(*) FROM \"{schema}\".schema_migrations"));
        var vector = new TestVectors(1).Next();
        await started[0].UpsertAsync(PostgresSchemas.Entry(1, "p", vector));
        Assert.True(await started[1].ContainsAsync(TestVectors.Key(1)));
        var found = Assert.Single(await third.SearchAsync("p", "test-embedder", vector, 5));
        Assert.Equal(TestVectors.Key(1), found.Key);
        Assert.Equal(1f, found.Similarity, 4);
    }

    [Fact]
    public async Task Upserts_are_idempotent_and_the_last_write_wins()
    {
        var index = await _schemas.OpenAsync(_schemas.NewSchema());
        var vectors = new TestVectors(2);
        var first = PostgresSchemas.Entry(7, "p", vectors.Next());
        var second = first with { Prompt = "changed", Vector = vectors.Next() };

        await index.UpsertAsync(first);
        await index.UpsertAsync(first);
        await index.UpsertManyAsync([first, second]);

        Assert.Equal(1L, (await index.CountByPartitionAsync())["p"]);
        var found = Assert.Single(await index.SearchAsync("p", "test-embedder", second.Vector, 3));
        Assert.Equal("changed", found.Prompt);
        Assert.Equal(1f, found.Similarity, 4);
    }

    [Fact]
    public async Task A_one_percent_partition_still_returns_k_results_through_the_hnsw_index()
    {
        var schema = _schemas.NewSchema();
        // No sequential scan and no partition btree: the planner must walk the HNSW graph, where a plain scan would
        // lose most rows to the filter (ef_search candidates, ~1% of them in the partition).
        var index = await _schemas.OpenAsync(schema, "-c enable_seqscan=off");
        var vectors = new TestVectors(3);
        var entries = Enumerable.Range(0, 3000)
            .Select(n => PostgresSchemas.Entry(n, n % 100 == 0 ? "rare" : "common-" + (n % 7), vectors.Next()))
            .ToList();
        await index.UpsertManyAsync(entries);
        await _schemas.ScalarAsync<int>($"DROP INDEX \"{schema}\".entries_partition_embedder; SELECT 1");
        var query = vectors.Next();

        var found = await index.SearchAsync("rare", "test-embedder", query, 10);

        Assert.Equal(10, found.Count);
        var byKey = entries.ToDictionary(e => e.Key);
        Assert.All(found, c => Assert.Equal("rare", byKey[c.Key].Partition));
        Assert.All(found, c => Assert.Equal(TestVectors.Dot(query, byKey[c.Key].Vector.Span), c.Similarity, 4));
        Assert.Equal(found.OrderByDescending(c => c.Similarity).Select(c => c.Key), found.Select(c => c.Key));
    }

    [Fact]
    public async Task Searches_never_mix_partitions_embedders_or_dimensions()
    {
        var schema = _schemas.NewSchema();
        var index = await _schemas.OpenAsync(schema);
        var vector = new TestVectors(4).Next();
        await index.UpsertManyAsync(
        [
            PostgresSchemas.Entry(1, "a", vector),
            PostgresSchemas.Entry(2, "b", vector),
            PostgresSchemas.Entry(3, "a", vector, embedder: "other"),
            PostgresSchemas.Entry(4, "a", [.. vector.Take(8)]),
        ]);

        var found = Assert.Single(await index.SearchAsync("a", "test-embedder", vector, 10));
        Assert.Equal(TestVectors.Key(1), found.Key);
        Assert.Equal(TestVectors.Key(1_000_001), found.BlobSha256);
        Assert.Single(await index.SearchAsync("a", "test-embedder", vector.AsMemory(0, 8), 10));
        Assert.True(await index.RemoveAsync(TestVectors.Key(1)));
        Assert.False(await index.RemoveAsync(TestVectors.Key(1)));
        Assert.False(await index.ContainsAsync(TestVectors.Key(1)));
        Assert.Equal(2L, await _schemas.ScalarAsync<long>(
            $"SELECT count(*) FROM pg_indexes WHERE schemaname = '{schema}' AND indexname LIKE 'entries_hnsw_%'"));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _schemas.DisposeAsync().AsTask();
}
