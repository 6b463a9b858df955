using SemCache.Storage.S3;

namespace SemCache.Tests.Services;

/// <summary>
/// Where the PostgreSQL and S3 servers of the tests are, from the environment that scripts/services/up.sh prints.
/// Missing settings fail the tests that need them: these suites never skip.
/// </summary>
public sealed class ServicesFixture
{
    public const string PostgresVariable = "SEMCACHE__POSTGRES__CONNECTIONSTRING";
    public const string S3UrlVariable = "SEMCACHE__S3__SERVICEURL";
    public const string S3BucketVariable = "SEMCACHE__S3__BUCKET";
    public const string S3RegionVariable = "SEMCACHE__S3__REGION";
    public const string S3PathStyleVariable = "SEMCACHE__S3__FORCEPATHSTYLE";

    public ServicesFixture()
    {
        PostgresConnectionString = Required(PostgresVariable);
        S3ServiceUrl = new Uri(Required(S3UrlVariable));
        S3Bucket = Required(S3BucketVariable);
        S3Region = Environment.GetEnvironmentVariable(S3RegionVariable) ?? "us-east-1";
        S3ForcePathStyle = !string.Equals(Environment.GetEnvironmentVariable(S3PathStyleVariable), "false", StringComparison.OrdinalIgnoreCase);
        Required("AWS_ACCESS_KEY_ID");
        Required("AWS_SECRET_ACCESS_KEY");
    }

    public string PostgresConnectionString { get; }

    public Uri S3ServiceUrl { get; }

    public string S3Bucket { get; }

    public string S3Region { get; }

    public bool S3ForcePathStyle { get; }

    /// <summary>A schema or prefix name no other test uses.</summary>
    public static string UniqueName(string stem) => $"{stem}_{Guid.NewGuid():N}"[..(stem.Length + 13)];

    public S3StoreOptions S3Options(string prefix, int listPageSize = 1000) => new()
    {
        ServiceUrl = S3ServiceUrl,
        Region = S3Region,
        Bucket = S3Bucket,
        Prefix = prefix,
        ForcePathStyle = S3ForcePathStyle,
        ListPageSize = listPageSize,
    };

    private static string Required(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"Environment variable {name} is not set. These tests need the test PostgreSQL and S3 servers: " +
                "run `eval \"$(scripts/services/up.sh)\"` (as root) in this shell, then run the tests again.");
}
