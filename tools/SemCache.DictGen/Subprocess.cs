using System.Diagnostics;
using System.Text;

namespace SemCache.DictGen;

/// <summary>Runs one of the Debian tools the generator reads its data through (lt-print, lt-proc, unmunch, hunspell).</summary>
public static class Subprocess
{
    public static string Run(string program, string[] arguments, string? stdin)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardInput = stdin is not null, StandardOutputEncoding = Encoding.UTF8 };
        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start (see tools/SemCache.DictGen/README.md for the packages)");
        if (stdin is not null)
        {
            // Written on another thread: lt-proc answers while it reads, and both pipes would fill otherwise.
            var writer = Task.Run(() =>
            {
                using var w = new StreamWriter(process.StandardInput.BaseStream, new UTF8Encoding(false));
                w.Write(stdin);
            });
            var text = process.StandardOutput.ReadToEnd();
            writer.GetAwaiter().GetResult();
            process.WaitForExit();
            return text;
        }

        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? output : throw new InvalidOperationException($"{program} exited with {process.ExitCode}");
    }
}
