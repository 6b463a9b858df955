using SemCache.Server.Hosting;
using SemCache.Tests.Infrastructure;

namespace SemCache.Tests;

/// <summary>
/// The same behaviour suite on PostgreSQL + pgvector and an S3-compatible server (started by scripts/services/up.sh;
/// missing settings fail loudly). Each test gets its own schema and key prefix.
/// </summary>
public sealed class PostgresS3CacheBehaviourTests : CacheBehaviourContract
{
    private readonly SharedBackend _backend = new();

    protected override SemCacheSettings Backend(SemCacheSettings settings) => _backend.Apply(settings);
}
