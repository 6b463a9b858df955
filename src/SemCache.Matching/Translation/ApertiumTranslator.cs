using System.ComponentModel;
using System.Diagnostics;

namespace SemCache.Matching.Translation;

/// <summary>
/// Apertium (rule-based, offline) as a subprocess: Spanish through the spa-eng pair, French through fr-es then
/// spa-eng (Debian has no French-English pair). German is left to the dictionary bridge. Optional: the operator
/// installs apertium and apertium-eng-spa (and apertium-fr-es); the product never needs it.
/// </summary>
public sealed class ApertiumTranslator(string command = "apertium", int timeoutMs = 5000) : IPromptTranslator
{
    public string Name => "apertium";

    public bool Supports(string language) => language is "es" or "fr";

    public PromptRendering? Translate(string prompt, string language)
    {
        string? text = language switch
        {
            "es" => Run("spa-eng", prompt),
            "fr" => Run("fr-es", prompt) is { } spanish ? Run("spa-eng", spanish) : null,
            _ => null,
        };
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        text = text.Trim().ToLowerInvariant();
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => new RenderedWord(w, [w])).ToArray();
        return new PromptRendering(language, Name, text, words);
    }

    private string? Run(string pair, string input)
    {
        var info = new ProcessStartInfo(command)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("-u"); // no marks on unknown words
        info.ArgumentList.Add(pair);
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {command}.");
        process.StandardInput.Write(input.ReplaceLineEndings(" "));
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeoutMs))
        {
            process.Kill(entireProcessTree: true);
            throw new IOException($"{command} {pair} took longer than {timeoutMs} ms.");
        }

        return process.ExitCode == 0 ? output.GetAwaiter().GetResult() : throw new IOException($"{command} {pair} exited with {process.ExitCode}.");
    }
}
