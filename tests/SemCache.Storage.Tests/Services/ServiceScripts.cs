using System.Diagnostics;

namespace SemCache.Tests.Services;

/// <summary>Runs scripts/services/*.sh so tests can stop and start a server (fault injection).</summary>
public static class ServiceScripts
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(90);

    public static Task PostgresAsync(string action) => RunAsync("pg.sh", action);

    public static Task S3Async(string action) => RunAsync("s3.sh", action);

    private static async Task RunAsync(string script, string action)
    {
        var path = Path.Combine(RepositoryRoot(), "scripts", "services", script);
        using var process = Process.Start(new ProcessStartInfo("bash", [path, action])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        }) ?? throw new InvalidOperationException($"Could not start {path}.");
        using var timeout = new CancellationTokenSource(Limit);
        var output = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{script} {action} exited with {process.ExitCode}: {await output}");
        }
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SemCache.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("SemCache.slnx not found above " + AppContext.BaseDirectory);
    }
}
