using SemCache.Index.Postgres;
using SemCache.Server.Hosting;
using SemCache.Storage.S3;

namespace SemCache.Tests.Infrastructure;

/// <summary>PostgreSQL + S3 settings for one scope (schema and key prefix) that several nodes can share.</summary>
public sealed class SharedBackend
{
    public string Scope { get; } = "t" + Guid.NewGuid().ToString("N")[..16];

    public SemCacheSettings Apply(SemCacheSettings settings) => settings with
    {
        Index = IndexKind.Postgres,
        Store = StoreKind.S3,
        Postgres = new PostgresIndexOptions { ConnectionString = Services.Required("SEMCACHE__POSTGRES__CONNECTIONSTRING"), Schema = Scope },
        S3 = new S3StoreOptions
        {
            ServiceUrl = new Uri(Services.Required("SEMCACHE__S3__SERVICEURL")),
            Bucket = Services.Required("SEMCACHE__S3__BUCKET"),
            Region = Environment.GetEnvironmentVariable("SEMCACHE__S3__REGION") ?? "us-east-1",
            Prefix = Scope + "/",
            CreateBucketIfMissing = true,
        },
    };
}
