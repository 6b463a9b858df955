using System.Net.Http;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace SemCache.Tests;

/// <summary>The semcache command as operators and scripts use it: exit codes, one-line errors, JSON output.</summary>
public sealed partial class CliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("semcache-cli-").FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Fact]
    public async Task Lookup_on_an_empty_cache_reports_a_miss_as_json()
    {
        var (code, stdout, stderr) = await CliRunner.RunAsync(_dir, null, "lookup", "a red fox in the snow", "--width", "512", "--data", Path.Combine(_dir, "data"), "--json");
        Assert.True(code == 0, stderr);
        var json = JsonDocument.Parse(stdout).RootElement;
        Assert.Equal("miss", json.GetProperty("decision").GetString());
        Assert.Contains("width=512", json.GetProperty("partition_description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_environment_setting_is_one_clear_line_and_exit_code_2()
    {
        var (code, _, stderr) = await CliRunner.RunAsync(_dir, new Dictionary<string, string> { ["SEMCACHE__PORT"] = "eighty" }, "serve");
        Assert.Equal(2, code);
        Assert.Contains("Port", stderr, StringComparison.Ordinal);
        Assert.Single(stderr.Trim().Split('\n'));
    }

    [Theory]
    [InlineData("SEMCACHE__ORIGINHTTP__RETRYBASEDELAY", "bogus", "OriginHttp:RetryBaseDelay: 'bogus' is not a time span such as 00:00:30 (hh:mm:ss, or d.hh:mm:ss).")]
    [InlineData("SEMCACHE__POSTGRES__EFSEARCH", "many", "Postgres:EfSearch: 'many' is not a whole number.")]
    [InlineData("SEMCACHE__SEMANTIC__GUARDSENABLED", "yes please", "Semantic:GuardsEnabled: 'yes please' is not true or false.")]
    public async Task A_value_of_the_wrong_type_says_what_to_write(string variable, string value, string message)
    {
        var (code, _, stderr) = await CliRunner.RunAsync(_dir, new Dictionary<string, string> { [variable] = value }, "serve", "--data", Path.Combine(_dir, "data"));
        Assert.Equal(2, code);
        Assert.Equal("semcache: " + message, Assert.Single(stderr.Trim().Split('\n')).TrimEnd('\r'));
    }

    [Theory]
    [InlineData("--origin", "ftp://example.com", "Origin")]
    [InlineData("--seed-policy", "sometimes", "SeedPolicy")]
    [InlineData("--index", "redis", "Index")]
    public async Task A_bad_option_names_the_setting(string option, string value, string setting)
    {
        var (code, _, stderr) = await CliRunner.RunAsync(_dir, null, "serve", option, value, "--data", Path.Combine(_dir, "data"));
        Assert.Equal(2, code);
        Assert.Contains(setting, stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_index_and_store_words_are_read_in_any_case()
    {
        // The variables choose PostgreSQL in a schema of this test; the option spells it in capitals and wins.
        await using var index = new TestIndex("postgres");
        var environment = index.Environment(new Dictionary<string, string> { ["SEMCACHE__INDEX"] = "embedded", ["SEMCACHE__STORE"] = "Files" });
        var (code, stdout, stderr) = await CliRunner.RunAsync(
            _dir, environment, "lookup", "a red fox in the snow", "--index", "POSTGRES", "--data", Path.Combine(_dir, "data"), "--json");
        Assert.True(code == 0, stderr);
        Assert.Equal("miss", JsonDocument.Parse(stdout).RootElement.GetProperty("decision").GetString());
    }

    [Theory]
    [InlineData("--store", "redis", "Store: 'redis' is unknown; use 'files' or 's3'.")]
    [InlineData("--index", "1", "Index: '1' is unknown; use 'embedded' or 'postgres'.")]
    [InlineData("--origin-kind", "grpc", "OriginKind: 'grpc' is unknown; use 'pollinations' or 'openai'.")]
    public async Task A_bad_word_is_one_line_naming_the_setting_and_exit_code_2(string option, string value, string message)
    {
        var (code, _, stderr) = await CliRunner.RunAsync(_dir, null, "serve", option, value, "--data", Path.Combine(_dir, "data"));
        Assert.Equal(2, code);
        Assert.Equal("semcache: " + message, Assert.Single(stderr.Trim().Split('\n')).TrimEnd('\r'));
    }

    [Fact]
    public async Task Bad_words_and_other_bad_settings_are_reported_together()
    {
        var environment = new Dictionary<string, string> { ["SEMCACHE__ORIGINKIND"] = "grpc", ["SEMCACHE__ORIGINHTTP__RETRYBASEDELAY"] = "02:00:00" };
        var (code, _, stderr) = await CliRunner.RunAsync(_dir, environment, "serve", "--index", "redis", "--origin", "https://images.example.com", "--data", Path.Combine(_dir, "data"));
        Assert.Equal(2, code);
        var lines = stderr.Trim().Split('\n');
        Assert.Contains(lines, l => l.Contains("Index: 'redis'", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("OriginKind: 'grpc'", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("OriginHttp:RetryBaseDelay must be from", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Appsettings_json_in_the_working_directory_is_read_and_the_command_line_wins()
    {
        await File.WriteAllTextAsync(Path.Combine(_dir, "appsettings.json"), """{ "SeedPolicy": "sometimes" }""");
        var (code, _, stderr) = await CliRunner.RunAsync(_dir, null, "lookup", "x", "--json");
        Assert.Equal(2, code);
        Assert.Contains("SeedPolicy", stderr, StringComparison.Ordinal);

        await File.WriteAllTextAsync(Path.Combine(_dir, "appsettings.json"), """{ "Semantic": { "Threshold": 0.5 } }""");
        var (ok, stdout, err) = await CliRunner.RunAsync(_dir, null, "lookup", "x", "--json", "--threshold", "0.75");
        Assert.True(ok == 0, err);
        Assert.Equal(0.75f, JsonDocument.Parse(stdout).RootElement.GetProperty("threshold").GetSingle());
    }

    [Fact]
    public async Task A_broken_appsettings_json_is_one_line_saying_where_and_exit_code_2()
    {
        await File.WriteAllTextAsync(Path.Combine(_dir, "appsettings.json"), "{ \"Port\": 18090,\n  \"Data\" \"x\" }");
        var (code, _, stderr) = await CliRunner.RunAsync(_dir, null, "lookup", "x", "--json");
        Assert.Equal(2, code);
        var line = Assert.Single(stderr.Trim().Split('\n'));
        Assert.StartsWith("semcache: appsettings.json is not valid JSON", line, StringComparison.Ordinal);
        Assert.EndsWith("The error is at line 2, byte 10.", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lookup_text_shows_the_english_rendering_of_a_spanish_prompt()
    {
        var (code, stdout, stderr) = await CliRunner.RunAsync(_dir, null, "lookup", "gato naranja pequeño", "--data", Path.Combine(_dir, "data"));
        Assert.True(code == 0, stderr);
        Assert.Contains("language  es", stdout, StringComparison.Ordinal);
        Assert.Contains("english   small orange cat", stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--store", "s3")]
    [InlineData("--index", "postgres")]
    public async Task A_store_or_index_that_refuses_connections_is_one_line_without_a_stack_trace(string option, string value)
    {
        // A port that was free a moment ago: connections to it are refused.
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var environment = new Dictionary<string, string>
        {
            ["SEMCACHE__S3__SERVICEURL"] = $"http://127.0.0.1:{port}",
            ["SEMCACHE__S3__BUCKET"] = "semcache-cli-test",
            ["AWS_ACCESS_KEY_ID"] = "test",
            ["AWS_SECRET_ACCESS_KEY"] = "test",
            ["SEMCACHE__POSTGRES__CONNECTIONSTRING"] = $"Host=127.0.0.1;Port={port};Username=semcache;Password=x;Database=semcache",
        };
        var (code, _, stderr) = await CliRunner.RunAsync(_dir, environment, "stats", option, value, "--data", Path.Combine(_dir, "data"));
        Assert.Equal(1, code);
        var line = Assert.Single(stderr.Trim().Split('\n'));
        Assert.StartsWith("semcache: ", line, StringComparison.Ordinal);
        Assert.Contains(port.ToString(System.Globalization.CultureInfo.InvariantCulture), line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Eval_prints_exactly_the_documented_json_fields()
    {
        var source = Path.Combine(CliRunner.RepositoryRoot, "datasets", "pairs", "dev-test.tsv");
        var lines = File.ReadLines(source).Take(81).ToList();
        var pairs = Path.Combine(_dir, "pairs.tsv");
        await File.WriteAllLinesAsync(pairs, lines);
        var (code, stdout, stderr) = await CliRunner.RunAsync(_dir, null, "eval", "--pairs", pairs, "--json");
        Assert.True(code == 0, stderr);
        var root = JsonDocument.Parse(stdout).RootElement;
        var fields = root.EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal(["threshold", "pairs", "positives", "negatives", "recall", "false_hit_rate", "precision", "by_category", "by_lang"], fields);
        Assert.Equal(80, root.GetProperty("pairs").GetInt32());
        foreach (var group in root.GetProperty("by_category").EnumerateObject())
        {
            Assert.Equal(["pairs", "recall", "false_hit_rate"], group.Value.EnumerateObject().Select(p => p.Name).ToList());
        }
    }

    [Theory]
    [InlineData("does-not-exist.tsv")]
    [InlineData("bad-header.tsv")]
    public async Task Eval_rejects_a_missing_or_malformed_pairs_file(string name)
    {
        await File.WriteAllTextAsync(Path.Combine(_dir, "bad-header.tsv"), "prompt\tother\n");
        var (code, _, stderr) = await CliRunner.RunAsync(_dir, null, "eval", "--pairs", name);
        Assert.NotEqual(0, code);
        Assert.StartsWith("semcache: --pairs", stderr.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Purge_without_a_criterion_is_a_usage_error()
    {
        var (code, _, stderr) = await CliRunner.RunAsync(_dir, null, "purge", "--data", Path.Combine(_dir, "data"));
        Assert.Equal(2, code);
        Assert.Contains("--key", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_listens_and_answers_then_stats_and_purge_see_the_entry()
    {
        var data = Path.Combine(_dir, "data");
        using var process = CliRunner.Start(_dir, null, "serve", "--port", "0", "--demo-delay", "0", "--data", data);
        string? url = null;
        var started = DateTime.UtcNow;
        while (url is null && DateTime.UtcNow - started < TimeSpan.FromMinutes(2))
        {
            var line = await process.StandardOutput.ReadLineAsync();
            if (line is null)
            {
                break;
            }

            var match = UrlPattern().Match(line);
            url = match.Success ? match.Value : null;
        }

        Assert.NotNull(url);
        string key;
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri(url!) };
            var response = await client.GetAsync("/prompt/a%20windmill%20at%20dawn");
            Assert.Equal("MISS", response.Headers.GetValues("X-Cache").Single());
            key = response.Headers.GetValues("X-Cache-Key").Single();
            await Task.Delay(500);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        var (code, stdout, stderr) = await CliRunner.RunAsync(_dir, null, "stats", "--data", data, "--json");
        Assert.True(code == 0, stderr);
        Assert.Equal(1, JsonDocument.Parse(stdout).RootElement.GetProperty("entries").GetInt64());
        var purged = await CliRunner.RunAsync(_dir, null, "purge", "--key", key, "--data", data, "--json");
        Assert.Equal(1, JsonDocument.Parse(purged.Stdout).RootElement.GetProperty("entries").GetInt32());
        var after = await CliRunner.RunAsync(_dir, null, "stats", "--data", data, "--json");
        Assert.Equal(0, JsonDocument.Parse(after.Stdout).RootElement.GetProperty("entries").GetInt64());
    }

    [Fact]
    public async Task Migrate_copies_an_embedded_cache_to_postgres_and_s3()
    {
        var data = Path.Combine(_dir, "data");
        using (var process = CliRunner.Start(_dir, null, "serve", "--port", "0", "--demo-delay", "0", "--data", data))
        {
            var url = await ReadUrlAsync(process);
            try
            {
                using var client = new HttpClient { BaseAddress = new Uri(url) };
                await client.GetAsync("/prompt/a%20windmill%20at%20dawn");
                await client.GetAsync("/prompt/a%20harbour%20at%20night");
                await Task.Delay(1000);
            }
            finally
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
        }

        var scope = "m" + Guid.NewGuid().ToString("N")[..12];
        var env = ServiceEnvironment(scope);
        var (code, stdout, stderr) = await CliRunner.RunAsync(_dir, env, "migrate", "--from-data", data, "--index", "postgres", "--store", "s3", "--json");
        Assert.True(code == 0, stderr);
        var result = JsonDocument.Parse(stdout).RootElement;
        Assert.Equal(2, result.GetProperty("entries").GetInt32());
        Assert.Equal(2, result.GetProperty("vectors").GetInt32());

        var lookup = await CliRunner.RunAsync(_dir, env, "lookup", "a windmill at dawn", "--index", "postgres", "--store", "s3", "--json");
        Assert.True(lookup.ExitCode == 0, lookup.Stderr);
        Assert.Equal("exact-hit", JsonDocument.Parse(lookup.Stdout).RootElement.GetProperty("decision").GetString());
        var semantic = await CliRunner.RunAsync(_dir, env, "lookup", "A windmill at dawn.", "--index", "postgres", "--store", "s3", "--json");
        Assert.Equal("semantic-hit", JsonDocument.Parse(semantic.Stdout).RootElement.GetProperty("decision").GetString());

        // Running it again adds nothing new.
        var again = await CliRunner.RunAsync(_dir, env, "migrate", "--from-data", data, "--index", "postgres", "--store", "s3", "--json");
        Assert.Equal(0, JsonDocument.Parse(again.Stdout).RootElement.GetProperty("blobs").GetInt32());
    }

    private static Dictionary<string, string> ServiceEnvironment(string scope)
    {
        static string Required(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } v
            ? v
            : throw new InvalidOperationException($"{name} is not set: run `eval \"$(scripts/services/up.sh)\"` or `bash scripts/test.sh`.");
        return new Dictionary<string, string>
        {
            ["SEMCACHE__POSTGRES__CONNECTIONSTRING"] = Required("SEMCACHE__POSTGRES__CONNECTIONSTRING"),
            ["SEMCACHE__POSTGRES__SCHEMA"] = scope,
            ["SEMCACHE__S3__SERVICEURL"] = Required("SEMCACHE__S3__SERVICEURL"),
            ["SEMCACHE__S3__BUCKET"] = Required("SEMCACHE__S3__BUCKET"),
            ["SEMCACHE__S3__PREFIX"] = scope + "/",
            ["SEMCACHE__S3__CREATEBUCKETIFMISSING"] = "true",
            ["AWS_ACCESS_KEY_ID"] = Required("AWS_ACCESS_KEY_ID"),
            ["AWS_SECRET_ACCESS_KEY"] = Required("AWS_SECRET_ACCESS_KEY"),
        };
    }

    private static async Task<string> ReadUrlAsync(System.Diagnostics.Process process)
    {
        var started = DateTime.UtcNow;
        while (DateTime.UtcNow - started < TimeSpan.FromMinutes(2))
        {
            var line = await process.StandardOutput.ReadLineAsync() ?? throw new InvalidOperationException("serve exited: " + await process.StandardError.ReadToEndAsync());
            var match = UrlPattern().Match(line);
            if (match.Success)
            {
                return match.Value;
            }
        }

        throw new TimeoutException("serve printed no URL");
    }

    [Fact]
    public async Task Help_lists_every_command()
    {
        var (code, stdout, _) = await CliRunner.RunAsync(_dir, null, "--help");
        Assert.Equal(0, code);
        foreach (var command in new[] { "serve", "lookup", "bench", "eval", "calibrate", "stats", "purge", "reindex", "migrate", "labels" })
        {
            Assert.Contains(command, stdout, StringComparison.Ordinal);
        }
    }

    [GeneratedRegex(@"http://127\.0\.0\.1:\d+")]
    private static partial Regex UrlPattern();
}
