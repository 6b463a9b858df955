using SemCache.Core.Requests;
using SemCache.Embedding;
using SemCache.Index.Postgres;
using SemCache.Matching;
using SemCache.Origin;
using SemCache.Storage.S3;

namespace SemCache.Server.Hosting;

/// <summary>
/// Everything the server needs, bound from appsettings.json, SEMCACHE__* environment variables and CLI options
/// (in that order of precedence, last wins). Every setting is documented in docs/configuration.md.
/// </summary>
public sealed record SemCacheSettings
{
    /// <summary>Directory of the embedded store and index.</summary>
    public string Data { get; init; } = "./data";

    public string Host { get; init; } = "127.0.0.1";

    public int Port { get; init; } = 8080;

    /// <summary>"demo" for the built-in renderer, or the base URL of a Pollinations-compatible service.</summary>
    public string Origin { get; init; } = "demo";

    /// <summary>"pollinations" (GET /prompt/...) or "openai" (POST /v1/images/generations) when Origin is a URL.</summary>
    public OriginKind OriginKind { get; init; } = OriginKind.Pollinations;

    /// <summary>For an openai origin: the environment variable that holds the API key (never the key itself).</summary>
    public string? OriginKeyEnv { get; init; } = "OPENAI_API_KEY";

    /// <summary>For an openai origin: the model to request (default: the request's own model parameter).</summary>
    public string? OriginModel { get; init; }

    /// <summary>Artificial generation time of the demo origin, so hits visibly save time.</summary>
    public int DemoDelayMs { get; init; } = 1500;

    /// <summary>"embedded" or "postgres".</summary>
    public IndexKind Index { get; init; } = IndexKind.Embedded;

    /// <summary>"files" or "s3".</summary>
    public StoreKind Store { get; init; } = StoreKind.Files;

    /// <summary>"partition" (default), "exact-only" or "ignore". See docs/keys.md.</summary>
    public SeedPolicy SeedPolicy { get; init; } = SeedPolicy.Partition;

    /// <summary>PostgreSQL + pgvector index (section "Postgres"; SEMCACHE__POSTGRES__CONNECTIONSTRING). See docs/deploy.md.</summary>
    public PostgresIndexOptions Postgres { get; init; } = new() { ConnectionString = "" };

    /// <summary>
    /// S3-compatible store (section "S3"). Credentials come from the standard AWS variables or profile, never from
    /// here. See docs/deploy.md for R2, S3 and MinIO.
    /// </summary>
    public S3StoreOptions S3 { get; init; } = new() { Bucket = "" };

    /// <summary>
    /// Timeouts, retries and breaker of an HTTP origin (section "OriginHttp"). Its BaseUrl is not read from the
    /// section: it is <see cref="Origin"/> (see <see cref="HttpOrigin"/>).
    /// </summary>
    public HttpOriginOptions OriginHttp { get; init; } = new() { BaseUrl = new Uri(DefaultHttpOrigin) };

    /// <summary>The embedder of the semantic tier (shipped MiniLM by default). See docs/embedders.md.</summary>
    public EmbedderOptions Embedder { get; init; } = new();

    public MatchOptions Semantic { get; init; } = new();

    public RequestLimits Limits { get; init; } = new();

    public IndexingSettings Indexing { get; init; } = new();

    public HotImageSettings HotImages { get; init; } = new();

    /// <summary>HNSW graphs of the embedded index's large partitions (docs/configuration.md).</summary>
    public Index.Embedded.ApproximateSearchOptions EmbeddedSearch { get; init; } = new();

    public AdminSettings Admin { get; init; } = new();

    public Maintenance.EvictionSettings Eviction { get; init; } = new();

    public TenantSettings Tenants { get; init; } = new();

    public RateLimitSettings RateLimit { get; init; } = new();

    /// <summary>Degraded mode: serve a close cached image while the origin fails (off by default).</summary>
    public FallbackSettings Fallback { get; init; } = new();

    /// <summary>Recording of semantic decisions for the review page and `semcache labels` (shadow mode, samples).</summary>
    public ReviewSettings Review { get; init; } = new();

    /// <summary>SHA-256 digests of known placeholder or error images: served if the origin sends them, never stored.</summary>
    public IReadOnlyList<string> PlaceholderSha256 { get; init; } = [];

    /// <summary>Stands in for the origin URL until <see cref="HttpOrigin"/> puts <see cref="Origin"/> there.</summary>
    private const string DefaultHttpOrigin = "https://image.pollinations.ai";

    /// <summary>The options of the HTTP origin at <see cref="Origin"/> (a URL: call only when it is not "demo").</summary>
    public HttpOriginOptions HttpOrigin() => OriginHttp with { BaseUrl = new Uri(Origin.TrimEnd('/')) };

    /// <summary>All problems at once, each naming the setting and the fix.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(Data))
        {
            errors.Add("Data: the data directory is empty; pass --data DIR or set SEMCACHE__DATA.");
        }

        if (Port is < 0 or > 65535)
        {
            errors.Add($"Port: {Port} is not a TCP port; use 1-65535 (or 0 for any free port).");
        }

        if (Origin != "demo" && (!Uri.TryCreate(Origin, UriKind.Absolute, out var uri) || (uri.Scheme != "http" && uri.Scheme != "https")))
        {
            errors.Add($"Origin: '{Origin}' is neither 'demo' nor an absolute http(s) URL; pass --origin demo or --origin https://image.pollinations.ai.");
        }

        else if (Origin != "demo")
        {
            errors.AddRange(HttpOrigin().Validate().Select(e => "OriginHttp:" + e));
        }

        if (!Enum.IsDefined(OriginKind))
        {
            errors.Add(SettingWords.Unknown<OriginKind>(nameof(OriginKind), OriginKind.ToString()));
        }

        if (DemoDelayMs < 0)
        {
            errors.Add("DemoDelayMs must be 0 or more milliseconds.");
        }

        if (!Enum.IsDefined(Index))
        {
            errors.Add(SettingWords.Unknown<IndexKind>(nameof(Index), Index.ToString()));
        }

        if (!Enum.IsDefined(Store))
        {
            errors.Add(SettingWords.Unknown<StoreKind>(nameof(Store), Store.ToString()));
        }

        // The sections are checked only when used, so a half-filled section of a backend that is off breaks nothing.
        if (Index == IndexKind.Postgres)
        {
            errors.AddRange(string.IsNullOrWhiteSpace(Postgres.ConnectionString)
                ? ["Postgres:ConnectionString is required with --index postgres; set SEMCACHE__POSTGRES__CONNECTIONSTRING (e.g. Host=127.0.0.1;Port=5432;Username=semcache;Password=...;Database=semcache)."]
                : Postgres.Validate().Select(e => "Postgres:" + e));
        }

        if (Store == StoreKind.S3)
        {
            errors.AddRange(string.IsNullOrWhiteSpace(S3.Bucket)
                ? ["S3:Bucket is required with --store s3; set SEMCACHE__S3__BUCKET (and SEMCACHE__S3__SERVICEURL for R2 or MinIO)."]
                : S3.Validate().Select(e => "S3:" + e));
        }

        if (!Enum.IsDefined(SeedPolicy))
        {
            errors.Add(SettingWords.Unknown<SeedPolicy>(nameof(SeedPolicy), SeedPolicy.ToString()));
        }

        if (Limits.MaxPromptLength is < 1 or > 100_000)
        {
            errors.Add("Limits:MaxPromptLength must be from 1 to 100000.");
        }

        if (Limits.MinDimension < 1 || Limits.MaxDimension < Limits.MinDimension)
        {
            errors.Add("Limits:MinDimension and Limits:MaxDimension must form a range of at least 1.");
        }

        if (Indexing.BatchSize is < 1 or > 1024 || Indexing.IndexQueueCapacity < 1 || Indexing.StoreQueueCapacity < 1)
        {
            errors.Add("Indexing: BatchSize must be 1-1024 and the queue capacities at least 1.");
        }

        if (Indexing.RetryInterval < TimeSpan.FromMilliseconds(100) || Indexing.RetryInterval > TimeSpan.FromHours(1))
        {
            errors.Add("Indexing:RetryInterval must be from 00:00:00.1 to 01:00:00.");
        }

        if (HotImages.Bytes < 0 || !(HotImages.EntrySeconds >= 0))
        {
            errors.Add("HotImages: Bytes and EntrySeconds must be 0 or more (Bytes 0 turns the in-memory image set off).");
        }

        if (RateLimit.PermitsPerMinute < 0 || RateLimit.Burst < 0)
        {
            errors.Add("RateLimit: PermitsPerMinute and Burst must be 0 or more (0 turns the limit off).");
        }

        if (Admin.Token is { Length: > 0 and < 16 })
        {
            errors.Add("Admin:Token is shorter than 16 characters; use a long random value (e.g. `openssl rand -hex 32`).");
        }

        // Checked only when enabled, so lowering Semantic:Threshold never breaks a configuration that does not use it.
        if (Fallback.Enabled && !(Fallback.Threshold >= 0f && Fallback.Threshold <= Semantic.Threshold))
        {
            errors.Add(FormattableString.Invariant($"Fallback:Threshold must be from 0 to Semantic:Threshold ({Semantic.Threshold}); got {Fallback.Threshold}."));
        }

        errors.AddRange(EmbeddedSearch.Validate().Select(e => "EmbeddedSearch:" + e));
        errors.AddRange(Eviction.Validate());
        errors.AddRange(Review.Validate());
        errors.AddRange(Embedder.Validate());
        errors.AddRange(Semantic.Validate().Select(e => e.StartsWith("Semantic", StringComparison.Ordinal) ? e : "Semantic:" + e));
        return errors;
    }
}
