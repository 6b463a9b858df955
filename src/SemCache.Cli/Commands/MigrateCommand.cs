using System.CommandLine;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using SemCache.Cli.Configuration;
using SemCache.Core.Embedding;
using SemCache.Core.Storage;
using SemCache.Matching;
using SemCache.Server.Hosting;
using SemCache.Server.Maintenance;
using SemCache.Storage.Files;
using Spectre.Console;

namespace SemCache.Cli.Commands;

/// <summary>
/// <c>semcache migrate --from-data DIR</c>: copies an embedded cache (files store) into the configured store and index
/// (e.g. PostgreSQL + S3). Images and entries are copied; vectors are made again by the configured embedder, which for
/// the same model gives the same vectors. Idempotent: run it again to pick up entries written meanwhile.
/// </summary>
public static class MigrateCommand
{
    public static Command Create()
    {
        var from = new Option<string>("--from-data") { Description = "Data directory of the embedded cache to copy from", Required = true };
        var index = CommonOptions.Index();
        var store = CommonOptions.Store();
        var json = CommonOptions.Json();
        var batch = new Option<int>("--batch") { Description = "Prompts per embedding call", DefaultValueFactory = _ => 32 };
        var command = new Command("migrate", "Copy an embedded cache (images, entries, vectors) into the configured store and index, e.g. --index postgres --store s3")
        {
            from, index, store, batch, json,
        };
        command.SetAction(async (parse, ct) =>
        {
            var overrides = new Dictionary<string, string?>();
            ServeCommand.Put(overrides, "Index", parse.GetValue(index));
            ServeCommand.Put(overrides, "Store", parse.GetValue(store));
            var settings = SettingsLoader.Load(overrides, out var errors);
            if (settings is null)
            {
                return CliOutput.Fail(errors);
            }

            var source = Path.Combine(parse.GetValue(from)!, "images");
            if (!Directory.Exists(source))
            {
                return CliOutput.Fail($"--from-data: no embedded store at {source}.", CliOutput.UsageError);
            }

            if (settings.Store == StoreKind.Files && Path.GetFullPath(Path.Combine(settings.Data, "images")) == Path.GetFullPath(source))
            {
                return CliOutput.Fail("--from-data is the configured store itself; choose --store s3 or another --data.", CliOutput.UsageError);
            }

            var sourceStore = new FileImageStore(source);
            await using var services = OfflineCache.Build(settings);
            var targetStore = services.GetRequiredService<IImageStore>();
            var coverage = services.GetRequiredService<IPromptCoverage>();
            var decider = services.GetRequiredService<SemanticDecider>();
            var pending = new EntryBatch(services.GetRequiredService<EntryIndexer>(), Math.Clamp(parse.GetValue(batch), 1, 1024));
            int entries = 0, blobs = 0, missingImages = 0;

            await CliOutput.WithStatusAsync(parse.GetValue(json), "copying...", async status =>
            {
                await foreach (var entry in sourceStore.ListEntriesAsync(ct))
                {
                    // Image first, then entry, then vector: the target never points at a missing image.
                    if (!await targetStore.BlobExistsAsync(entry.BlobSha256, ct))
                    {
                        var blob = await sourceStore.GetBlobAsync(entry.BlobSha256, ct);
                        if (blob is null)
                        {
                            missingImages++;
                            continue;
                        }

                        await targetStore.PutBlobAsync(blob.Bytes, blob.ContentType, ct);
                        blobs++;
                    }

                    await targetStore.PutEntryAsync(entry, ct);
                    entries++;
                    if (entry.AliasOf is null && decider.Profile(entry.Prompt, coverage).SemanticEligible)
                    {
                        await pending.AddAsync(entry, ct);
                    }

                    status($"copied {entries} entries, {blobs} images, {pending.Indexed} vectors...");
                }

                await pending.FlushAsync(ct);
            });
            var vectors = pending.Indexed;
            var result = new { entries, blobs, vectors, skipped_missing_images = missingImages };
            Console.WriteLine(parse.GetValue(json)
                ? JsonSerializer.Serialize(result, CliOutput.Json)
                : $"copied {entries} entries, {blobs} images and {vectors} vectors; {missingImages} entries without an image were skipped");
            return 0;
        });
        return command;
    }
}
