using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using SemCache.Core.Requests;
using SemCache.Server.Hosting;
using SemCache.Tests.Infrastructure;
using SemCache.Tests.Resilience;

namespace SemCache.Tests;

/// <summary>
/// Configuration keys bound onto the adapters' own options (OriginHttp, Postgres, S3) and the word settings
/// (Index, Store, OriginKind): what an operator writes reaches the component, and every mistake is named at once.
/// </summary>
public sealed class SettingsBindingTests : IDisposable
{
    private readonly TempDirectory _data = new();

    public void Dispose() => _data.Dispose();

    private static SemCacheSettings? Bind(Dictionary<string, string?> values, out IReadOnlyList<string> errors) =>
        SettingsBinder.Bind(new ConfigurationBuilder().AddInMemoryCollection(values).Build(), out errors);

    [Fact]
    public async Task OriginHttp_RetryBaseDelay_from_configuration_reaches_the_origin_client()
    {
        await using var fake = await FakeOrigin.StartAsync(OriginFaults.FailThenImage(1, 503));
        var settings = Bind(
            new()
            {
                ["Data"] = _data.Path,
                ["Port"] = "0",
                ["Origin"] = fake.Url.GetLeftPart(UriPartial.Authority),
                ["RateLimit:PermitsPerMinute"] = "0",
                ["OriginHttp:MaxRetries"] = "1",

                // The default (0.5 s with jitter) never waits under a millisecond: only the configured zero does.
                ["OriginHttp:RetryBaseDelay"] = "00:00:00",
            },
            out var errors);
        Assert.True(settings is not null, string.Join("\n", errors));
        Assert.Equal(TimeSpan.Zero, settings.HttpOrigin().RetryBaseDelay);

        var logs = new ListLoggerProvider();
        await using var server = await ConfiguredServer.StartAsync(settings, logs);
        var response = await server.GetAsync("/prompt/a%20lighthouse%20in%20fog");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, fake.Calls);
        var retry = Assert.Single(logs.Lines, l => l.Contains("retry 1 after", StringComparison.Ordinal));
        Assert.Contains("waiting 0 ms", retry, StringComparison.Ordinal);
    }

    [Fact]
    public void The_sections_bind_onto_the_adapters_options_and_the_words_in_any_case()
    {
        var settings = Bind(
            new()
            {
                ["Origin"] = "https://images.example.com/",
                ["OriginKind"] = "OpenAI",
                ["OriginHttp:BreakerSamplingDuration"] = "00:01:30",
                ["OriginHttp:RetryBaseDelay"] = "00:00:02",
                ["Index"] = "POSTGRES",
                ["Postgres:ConnectionString"] = "Host=db.example.com;Username=semcache;Database=semcache",
                ["Postgres:EfSearch"] = "200",
                ["Store"] = " s3 ",
                ["S3:Bucket"] = "images",
                ["S3:ServiceUrl"] = "http://127.0.0.1:59000",
                ["S3:ListPageSize"] = "250",
                ["SeedPolicy"] = "Exact-Only",
            },
            out var errors);

        Assert.True(settings is not null, string.Join("\n", errors));
        Assert.Equal((IndexKind.Postgres, StoreKind.S3, OriginKind.OpenAi), (settings.Index, settings.Store, settings.OriginKind));
        Assert.Equal(("postgres", "s3", "openai"), (settings.Index.Word(), settings.Store.Word(), settings.OriginKind.Word()));
        Assert.Equal((SeedPolicy.ExactOnly, "exact-only"), (settings.SeedPolicy, settings.SeedPolicy.Word()));
        var origin = settings.HttpOrigin();
        Assert.Equal(new Uri("https://images.example.com"), origin.BaseUrl);
        Assert.Equal(TimeSpan.FromSeconds(90), origin.BreakerSamplingDuration);
        Assert.Equal(TimeSpan.FromSeconds(2), origin.RetryBaseDelay);
        Assert.Equal(200, settings.Postgres.EfSearch);
        Assert.Equal(new Uri("http://127.0.0.1:59000"), settings.S3.ServiceUrl);
        Assert.Equal(250, settings.S3.ListPageSize);
    }

    [Fact]
    public void Every_bad_setting_is_reported_at_once_and_names_the_setting()
    {
        var settings = Bind(
            new()
            {
                ["Index"] = "redis",
                ["Store"] = "1", // the binder's own converter would take a number
                ["OriginKind"] = "grpc",
                ["Origin"] = "https://images.example.com",
                ["OriginHttp:BreakerSamplingDuration"] = "00:00:00.1",
                ["Port"] = "70000",
                ["SeedPolicy"] = "sometimes",
            },
            out var errors);

        Assert.Null(settings);
        Assert.Contains("Index: 'redis' is unknown; use 'embedded' or 'postgres'.", errors);
        Assert.Contains("Store: '1' is unknown; use 'files' or 's3'.", errors);
        Assert.Contains("OriginKind: 'grpc' is unknown; use 'pollinations' or 'openai'.", errors);
        Assert.Contains("SeedPolicy: 'sometimes' is unknown; use 'partition', 'exact-only' or 'ignore'.", errors);
        Assert.Contains(errors, e => e.StartsWith("OriginHttp:BreakerSamplingDuration must be from", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Port:", StringComparison.Ordinal));
    }

    [Fact]
    public void The_postgres_and_s3_sections_are_validated_only_when_used()
    {
        var sections = new Dictionary<string, string?>
        {
            ["Postgres:ConnectionString"] = "Host=db.example.com",
            ["Postgres:HnswM"] = "1",
            ["Postgres:Schema"] = "Bad-Schema",
            ["S3:Bucket"] = "images",
            ["S3:ListPageSize"] = "5000",
        };
        Assert.NotNull(Bind(sections, out _));

        Assert.Null(Bind(new(sections) { ["Index"] = "postgres", ["Store"] = "s3" }, out var errors));
        Assert.Contains("Postgres:HnswM must be from 2 to 100.", errors);
        Assert.Contains(errors, e => e.StartsWith("Postgres:Schema 'Bad-Schema'", StringComparison.Ordinal));
        Assert.Contains("S3:ListPageSize must be from 1 to 1000.", errors);

        Assert.Null(Bind(new() { ["Index"] = "postgres", ["Store"] = "s3" }, out errors));
        Assert.Contains(errors, e => e.StartsWith("Postgres:ConnectionString is required with --index postgres", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("S3:Bucket is required with --store s3", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_admin_config_prints_the_words_an_operator_writes()
    {
        const string token = "test-admin-token-0123456789abcdef";
        await using var server = await CacheServer.StartAsync(_data.Path, configure: s => s with { Admin = new AdminSettings { Token = token } });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/admin/config");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var config = JsonDocument.Parse(await (await server.Client.SendAsync(request)).Content.ReadAsStringAsync()).RootElement;

        Assert.Equal("embedded", config.GetProperty("index").GetString());
        Assert.Equal("files", config.GetProperty("store").GetString());
        Assert.Equal("pollinations", config.GetProperty("origin_kind").GetString());
        Assert.Equal("partition", config.GetProperty("seed_policy").GetString());
    }
}
