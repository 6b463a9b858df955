using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using SemCache.Embedding;

namespace SemCache.Cli.Commands;

/// <summary>
/// <c>semcache quantize</c>: makes (or checks) the int8 graph of the shipped MiniLM under DATA/models ahead of time,
/// so the first start with <c>Embedder:Kind=minilm-int8</c> does not pay for it. A corrupt file is made again.
/// </summary>
public static class QuantizeCommand
{
    public static Command Create()
    {
        var data = CommonOptions.Data();
        var json = CommonOptions.Json();
        var command = new Command("quantize", "Make the int8 graph of the shipped MiniLM under DATA/models (used by --embedder minilm-int8)") { data, json };
        command.SetAction(parse =>
        {
            var overrides = new Dictionary<string, string?>();
            ServeCommand.Put(overrides, "Data", parse.GetValue(data));
            var settings = Configuration.SettingsLoader.Load(overrides, out var errors);
            if (settings is null)
            {
                return CliOutput.Fail(errors);
            }

            var clock = Stopwatch.StartNew();
            var fp32 = MiniLmEmbedder.ReadModel();
            QuantizedModel model;
            try
            {
                model = QuantizedModelFile.Load(EmbedderFactory.ModelDirectory(settings.Data)!, MiniLmEmbedder.Int8FileStem, fp32);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return CliOutput.Fail($"cannot write the int8 model under {settings.Data}: {ex.Message}");
            }

            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(
                    new { path = model.Path, created = model.Created, bytes = model.Bytes.Length, source_bytes = fp32.Length, embedder = MiniLmEmbedder.Int8ModelId },
                    CliOutput.Json));
            }
            else
            {
                Console.WriteLine($"{(model.Created ? "wrote" : "already current:")} {model.Path} ({model.Bytes.Length / 1e6:F1} MB from {fp32.Length / 1e6:F1} MB fp32, "
                    + $"{clock.Elapsed.TotalSeconds:F1} s); embedder id {MiniLmEmbedder.Int8ModelId}");
            }

            return 0;
        });
        return command;
    }
}
