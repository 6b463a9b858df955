using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;

namespace SemCache.Tests.Resilience;

/// <summary>
/// <c>semcache serve</c> as a child process on a free loopback port. Its output is read continuously (a full pipe
/// would stall the server) and kept for failure messages.
/// </summary>
public sealed partial class ServeProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly TaskCompletionSource<Uri> _url = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task _readers;

    private ServeProcess(Process process)
    {
        _process = process;
        _readers = Task.WhenAll(ReadAsync(process.StandardOutput), ReadAsync(process.StandardError));
    }

    public Uri Url => _url.Task.Result;

    public bool HasExited => _process.HasExited;

    public string Output => string.Join('\n', _output);

    public static Task<ServeProcess> StartAsync(string workingDirectory, string data, params string[] extra) =>
        StartAsync(workingDirectory, data, null, extra);

    public static async Task<ServeProcess> StartAsync(string workingDirectory, string data, IDictionary<string, string>? environment, params string[] extra)
    {
        var serve = new ServeProcess(CliRunner.Start(workingDirectory, environment, ["serve", "--port", "0", "--data", data, .. extra]));
        var started = await Task.WhenAny(serve._url.Task, serve._readers, Task.Delay(TimeSpan.FromMinutes(2)));
        if (started != serve._url.Task)
        {
            await serve.DisposeAsync();
            throw new InvalidOperationException("semcache serve did not start:\n" + serve.Output);
        }

        return serve;
    }

    /// <summary>SIGKILL: no shutdown code runs, queued writes are lost mid-way.</summary>
    public async Task KillAsync()
    {
        _process.Kill();
        await _process.WaitForExitAsync();
    }

    /// <summary>SIGTERM: the graceful stop that drains the write queues; returns the exit code.</summary>
    public async Task<int> TerminateAsync()
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await _process.WaitForExitAsync(limit.Token);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        await _readers;
        _process.Dispose();
    }

    private async Task ReadAsync(StreamReader reader)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            _output.Enqueue(line);
            if (UrlPattern().Match(line) is { Success: true } match)
            {
                _url.TrySetResult(new Uri(match.Value));
            }
        }
    }

    [GeneratedRegex(@"http://127\.0\.0\.1:\d+")]
    private static partial Regex UrlPattern();
}
