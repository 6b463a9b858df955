using System.CommandLine;

namespace SemCache.Cli.Commands;

/// <summary>Options shared by every command that touches the cache.</summary>
public static class CommonOptions
{
    public static Option<string?> Data() => new("--data") { Description = "Data directory of the embedded store and index (default ./data; SEMCACHE__DATA)" };

    public static Option<bool> Json() => new("--json") { Description = "Machine-readable JSON output" };

    public static Option<string?> Index() => new("--index") { Description = "Vector index: embedded | postgres (SEMCACHE__INDEX)" };

    public static Option<string?> Store() => new("--store") { Description = "Image store: files | s3 (SEMCACHE__STORE)" };

    public static Option<float?> Threshold() => new("--threshold") { Description = "Semantic similarity threshold (SEMCACHE__SEMANTIC__THRESHOLD)" };

    /// <summary>Settings of a command that touches the cache (--data, --index, --store); on failure the exit code.</summary>
    public static Server.Hosting.SemCacheSettings? LoadCacheSettings(ParseResult parse, Option<string?> data, Option<string?> index, Option<string?> store, out int failure)
    {
        var overrides = new Dictionary<string, string?>();
        ServeCommand.Put(overrides, "Data", parse.GetValue(data));
        ServeCommand.Put(overrides, "Index", parse.GetValue(index));
        ServeCommand.Put(overrides, "Store", parse.GetValue(store));
        var settings = Configuration.SettingsLoader.Load(overrides, out var errors);
        failure = settings is null ? CliOutput.Fail(errors) : 0;
        return settings;
    }

    public static Option<string?> Embedder() => new("--embedder") { Description = "minilm | minilm-int8 | onnx | openai (SEMCACHE__EMBEDDER__KIND; docs/embedders.md)" };

    public static Option<string?> SeedPolicy() => new("--seed-policy") { Description = "partition | exact-only | ignore (SEMCACHE__SEEDPOLICY)" };
}
