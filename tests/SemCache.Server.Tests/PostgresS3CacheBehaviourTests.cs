using SemCache.Server.Hosting;

namespace SemCache.Tests;

/// <summary>
/// The same behaviour suite on PostgreSQL + pgvector and an S3-compatible server (started by scripts/services/up.sh;
/// missing settings fail loudly). Each test gets its own schema and key prefix.
/// </summary>
public sealed class PostgresS3CacheBehaviourTests : CacheBehaviourContract
{
    private readonly string _scope = "t" + Guid.NewGuid().ToString("N")[..16];

    protected override SemCacheSettings Backend(SemCacheSettings settings) => settings with
    {
        Index = "postgres",
        Store = "s3",
        Postgres = new PostgresSettings { ConnectionString = Services.Required("SEMCACHE__POSTGRES__CONNECTIONSTRING"), Schema = _scope },
        S3 = new S3Settings
        {
            ServiceUrl = new Uri(Services.Required("SEMCACHE__S3__SERVICEURL")),
            Bucket = Services.Required("SEMCACHE__S3__BUCKET"),
            Region = Environment.GetEnvironmentVariable("SEMCACHE__S3__REGION") ?? "us-east-1",
            Prefix = _scope + "/",
            CreateBucketIfMissing = true,
        },
    };
}
