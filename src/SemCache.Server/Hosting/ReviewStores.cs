using SemCache.Core.Review;
using SemCache.Index.Embedded;
using SemCache.Index.Postgres;

namespace SemCache.Server.Hosting;

/// <summary>Opens the review store that belongs with the configured index (the server and `semcache labels` both use it).</summary>
public static class ReviewStores
{
    public static async Task<IReviewStore> OpenAsync(SemCacheSettings settings, CancellationToken cancellationToken = default) =>
        settings.Index == IndexKind.Postgres
            ? await PostgresReviewStore.OpenAsync(settings.Postgres.ConnectionString, settings.Postgres.Schema, cancellationToken)
            : SqliteReviewStore.Open(Path.Combine(settings.Data, "index"));

    /// <summary>Without touching PostgreSQL: it is connected and migrated on first use (for the server's container).</summary>
    public static IReviewStore Create(SemCacheSettings settings) =>
        settings.Index == IndexKind.Postgres
            ? PostgresReviewStore.Create(settings.Postgres.ConnectionString, settings.Postgres.Schema)
            : SqliteReviewStore.Open(Path.Combine(settings.Data, "index"));
}
