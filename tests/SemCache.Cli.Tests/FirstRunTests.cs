using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace SemCache.Tests;

/// <summary>What a new user sees on a mistake: one line on stderr naming the problem, exit code 2 for usage errors.</summary>
public sealed class FirstRunTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("semcache-first-").FullName;

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

    [Theory]
    [InlineData("--port abc", "--port: 'abc' is not a whole number", "semcache serve --help")]
    [InlineData("--threshold high", "--threshold: 'high' is not a number", "semcache serve --help")]
    [InlineData("--port", "--port needs a value", "semcache serve --help")]
    [InlineData("--bogus", "unknown option '--bogus'", "semcache serve --help")]
    public async Task A_bad_serve_option_is_one_line_naming_it_with_a_hint_and_exit_code_2(string arguments, string expected, string hint)
    {
        var (code, stdout, stderr) = await CliRunner.RunAsync(_dir, null, ["serve", .. arguments.Split(' ')]);
        AssertUsageError(code, stdout, stderr, expected, hint);
        Assert.DoesNotContain("System.", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_required_option_is_named_in_one_line()
    {
        var (code, stdout, stderr) = await CliRunner.RunAsync(_dir, null, "backfill", "--from", _dir);
        AssertUsageError(code, stdout, stderr, "--key-format is required", "semcache backfill --help");
    }

    [Fact]
    public async Task An_unknown_command_is_named_with_the_commands_there_are()
    {
        var (code, stdout, stderr) = await CliRunner.RunAsync(_dir, null, "server");
        AssertUsageError(code, stdout, stderr, "unknown command 'server'", "semcache --help");
        Assert.Contains("serve", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_command_at_all_is_a_usage_error_listing_the_commands()
    {
        var (code, stdout, stderr) = await CliRunner.RunAsync(_dir, null);
        AssertUsageError(code, stdout, stderr, "a command is needed", "semcache --help");
    }

    [Fact]
    public async Task A_port_in_use_is_one_line_on_stderr_and_nothing_on_stdout()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;

        var (code, stdout, stderr) = await CliRunner.RunAsync(_dir, null, "serve", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--data", Path.Combine(_dir, "data"));

        Assert.NotEqual(0, code);
        Assert.Equal("", stdout.Trim());
        var line = Assert.Single(stderr.Trim().Split('\n'));
        Assert.Contains($"127.0.0.1:{port}", line, StringComparison.Ordinal);
        Assert.Contains("already in use", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_postgres_index_is_one_line_at_start_up()
    {
        var environment = new Dictionary<string, string>
        {
            // Port 1 on loopback: nothing listens there, the connection is refused at once.
            ["SEMCACHE__POSTGRES__CONNECTIONSTRING"] = "Host=127.0.0.1;Port=1;Username=semcache;Password=none;Database=semcache;Timeout=3",
        };

        var (code, stdout, stderr) = await CliRunner.RunAsync(_dir, environment, "serve", "--index", "postgres", "--port", "0", "--data", Path.Combine(_dir, "data"));

        Assert.Equal(1, code);
        Assert.Equal("", stdout.Trim());
        var line = Assert.Single(stderr.Trim().Split('\n'));
        Assert.Contains("cannot open the postgres index", line, StringComparison.Ordinal);
        Assert.Contains("127.0.0.1:1", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_for_people_keeps_ampersands_apostrophes_and_angle_brackets_readable()
    {
        const string prompt = "a cat & a dog's bone > 3 apples";
        var (code, stdout, stderr) = await CliRunner.RunAsync(_dir, null, "lookup", prompt, "--data", Path.Combine(_dir, "data"), "--json");
        Assert.True(code == 0, stderr);
        Assert.Contains(prompt, stdout, StringComparison.Ordinal);
        Assert.Contains("height=1024&model=", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u0026", stdout, StringComparison.Ordinal);
        Assert.Equal(prompt, JsonDocument.Parse(stdout).RootElement.GetProperty("prompt").GetString());
    }

    private static void AssertUsageError(int code, string stdout, string stderr, string expected, string hint)
    {
        Assert.Equal(2, code);
        Assert.Equal("", stdout.Trim());
        var line = Assert.Single(stderr.Trim().Split('\n'));
        Assert.Contains(expected, line, StringComparison.Ordinal);
        Assert.Contains(hint, line, StringComparison.Ordinal);
    }
}
