namespace SemCache.Server.Hosting;

/// <summary>PostgreSQL + pgvector index settings (section "Postgres"; SEMCACHE__POSTGRES__CONNECTIONSTRING). See docs/deploy.md.</summary>
public sealed record PostgresSettings
{
    /// <summary>Npgsql connection string; put the password in the environment, not in a file.</summary>
    public string? ConnectionString { get; init; }

    public string Schema { get; init; } = "semcache";

    public int HnswM { get; init; } = 16;

    public int HnswEfConstruction { get; init; } = 64;

    public int EfSearch { get; init; } = 100;
}

/// <summary>
/// S3-compatible store settings (section "S3"). Credentials come from the standard AWS variables or profile, never
/// from here. See docs/deploy.md for R2, S3 and MinIO.
/// </summary>
public sealed record S3Settings
{
    /// <summary>Endpoint for R2/MinIO (e.g. https://ACCOUNT.r2.cloudflarestorage.com); empty for AWS S3.</summary>
    public Uri? ServiceUrl { get; init; }

    public string Region { get; init; } = "us-east-1";

    public string? Bucket { get; init; }

    public string Prefix { get; init; } = "";

    public bool ForcePathStyle { get; init; } = true;

    public bool CreateBucketIfMissing { get; init; }
}
