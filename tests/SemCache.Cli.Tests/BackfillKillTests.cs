using System.Globalization;
using System.Text.Json;
using SemCache.Backfill;

namespace SemCache.Tests;

/// <summary><c>semcache backfill</c> as a real process killed with SIGKILL halfway, then run again.</summary>
public sealed class BackfillKillTests : IDisposable
{
    private const int Objects = 600;

    private readonly string _dir = Directory.CreateTempSubdirectory("semcache-backfill-").FullName;

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
    public async Task Killed_halfway_then_rerun_leaves_every_entry_once()
    {
        var source = Directory.CreateDirectory(Path.Combine(_dir, "worker")).FullName;
        var data = Path.Combine(_dir, "data");
        for (var i = 0; i < Objects; i++)
        {
            var n = i.ToString(CultureInfo.InvariantCulture);
            var key = PollinationsKey.Encode(PollinationsKey.PromptPath($"a paper boat number {n} on a pond"), [new("seed", n)]);
            await File.WriteAllBytesAsync(Path.Combine(source, key), [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, .. BitConverter.GetBytes(i)]);
        }

        string[] args = ["backfill", "--from", source, "--key-format", "pollinations", "--data", data, "--batch", "16", "--json"];
        using (var first = CliRunner.Start(_dir, null, [.. args, "--rate", "100/s"]))
        {
            // SIGKILL as soon as the first checkpoint lands: batches are done, others are half-written.
            var checkpoints = Path.Combine(data, "backfill");
            var deadline = DateTime.UtcNow.AddMinutes(2);
            while (!(Directory.Exists(checkpoints) && Directory.EnumerateFiles(checkpoints, "*.checkpoint.json").Any()) && !first.HasExited && DateTime.UtcNow < deadline)
            {
                await Task.Delay(5);
            }

            // (Reading its stderr here would wait for it to finish.)
            Assert.False(first.HasExited, "the first run ended before its first checkpoint");
            first.Kill();
            await first.WaitForExitAsync();
        }

        var (code, stdout, stderr) = await CliRunner.RunAsync(_dir, null, args);
        Assert.True(code == 0, stderr);
        var resumed = JsonDocument.Parse(stdout).RootElement;
        Assert.True(resumed.GetProperty("completed").GetBoolean());
        Assert.True(resumed.GetProperty("processed").GetInt64() is > 0 and <= Objects - 16, stdout);

        var stats = JsonDocument.Parse((await CliRunner.RunAsync(_dir, null, "stats", "--data", data, "--json")).Stdout).RootElement;
        Assert.Equal(Objects, stats.GetProperty("entries").GetInt64());
        Assert.Equal(Objects, stats.GetProperty("vectors").GetInt64());

        var (again, againOut, againErr) = await CliRunner.RunAsync(_dir, null, args);
        Assert.True(again == 0, againErr);
        var idle = JsonDocument.Parse(againOut).RootElement;
        Assert.Equal(0, idle.GetProperty("indexed").GetInt64());
        Assert.Equal(Objects, idle.GetProperty("already_present").GetInt64());
    }
}
