using System.Diagnostics;

namespace SemCache.Tests;

/// <summary>Runs the real semcache program (the built CLI beside the tests) as a child process.</summary>
public static class CliRunner
{
    public static string RepositoryRoot { get; } = FindRoot();

    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string workingDirectory, IDictionary<string, string>? environment, params string[] args)
    {
        using var process = Start(workingDirectory, environment, args);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }

    public static Process Start(string workingDirectory, IDictionary<string, string>? environment, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "semcache.dll"));
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        // Settings from the developer's shell must not leak into the tests.
        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("SEMCACHE__", StringComparison.Ordinal)).ToList())
        {
            info.Environment.Remove(key);
        }

        foreach (var (k, v) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[k] = v;
        }

        return Process.Start(info)!;
    }

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "SemCache.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("SemCache.slnx not found above the test directory.");
    }
}
