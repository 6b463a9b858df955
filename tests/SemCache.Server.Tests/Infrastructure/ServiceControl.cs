using System.Diagnostics;

namespace SemCache.Tests.Infrastructure;

/// <summary>Stops and starts the test services through the project's scripts (fault injection).</summary>
public static class ServiceControl
{
    public static Task PostgresAsync(string action) => RunAsync("pg.sh", action);

    public static Task S3Async(string action) => RunAsync("s3.sh", action);

    private static async Task RunAsync(string script, string action)
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "SemCache.slnx")))
        {
            root = root.Parent;
        }

        var path = Path.Combine(root?.FullName ?? throw new InvalidOperationException("repository root not found"), "scripts", "services", script);
        using var process = Process.Start(new ProcessStartInfo("bash", [path, action]) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{script} {action} failed: {await stderr}");
        }
    }
}
