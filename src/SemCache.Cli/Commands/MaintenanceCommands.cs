using System.CommandLine;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using SemCache.Core.Embedding;
using SemCache.Core.Index;
using SemCache.Core.Storage;
using SemCache.Matching;
using SemCache.Server.Maintenance;
using Spectre.Console;

namespace SemCache.Cli.Commands;

/// <summary><c>semcache stats</c>, <c>purge</c> and <c>reindex</c> on the configured store and index.</summary>
public static class MaintenanceCommands
{
    public static Command Stats()
    {
        var data = CommonOptions.Data();
        var json = CommonOptions.Json();
        var index = CommonOptions.Index();
        var store = CommonOptions.Store();
        var command = new Command("stats", "Entries, bytes, partitions and hit counts of the cache") { data, json, index, store };
        command.SetAction(async (parse, ct) =>
        {
            var settings = CommonOptions.LoadCacheSettings(parse, data, index, store, out var failure);
            if (settings is null)
            {
                return failure;
            }

            await using var services = OfflineCache.Build(settings);
            var imageStore = services.GetRequiredService<IImageStore>();
            long entries = 0, aliases = 0, bytes = 0, hits = 0;
            var partitions = new Dictionary<string, long>(StringComparer.Ordinal);
            await foreach (var e in imageStore.ListEntriesAsync(ct))
            {
                entries++;
                hits += e.HitCount;
                if (e.AliasOf is null)
                {
                    bytes += e.Size;
                    partitions[e.Partition] = partitions.GetValueOrDefault(e.Partition) + 1;
                }
                else
                {
                    aliases++;
                }
            }

            var vectors = await services.GetRequiredService<IVectorIndex>().CountByPartitionAsync(ct);
            var result = new
            {
                entries,
                aliases,
                bytes,
                hit_count = hits,
                vectors = vectors.Values.Sum(),
                partitions = partitions.OrderByDescending(p => p.Value).ToDictionary(p => p.Key, p => new { entries = p.Value, vectors = vectors.GetValueOrDefault(p.Key) }),
            };
            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(result, CliOutput.Json));
                return 0;
            }

            AnsiConsole.MarkupLine("{0} entries ({1} aliases), {2:0.0} MB of images, {3} vectors, {4} partitions", entries, aliases, bytes / 1e6, result.vectors, partitions.Count);
            var table = new Table().AddColumns("partition", "entries", "vectors");
            foreach (var (p, v) in result.partitions.Take(20))
            {
                table.AddRow(p[..16] + "…", v.entries.ToString(System.Globalization.CultureInfo.InvariantCulture), v.vectors.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            AnsiConsole.Write(table);
            return 0;
        });
        return command;
    }

    public static Command Purge()
    {
        var data = CommonOptions.Data();
        var json = CommonOptions.Json();
        var index = CommonOptions.Index();
        var store = CommonOptions.Store();
        var key = new Option<string?>("--key") { Description = "Exact key (X-Cache-Key)" };
        var prompt = new Option<string?>("--prompt") { Description = "Every entry of this prompt (canonical form), in every partition" };
        var partition = new Option<string?>("--partition") { Description = "Every entry of this partition (full id or a prefix of it)" };
        var olderThan = new Option<string?>("--older-than") { Description = "Entries created longer ago than this (30d, 12h, 90m)" };
        var command = new Command("purge", "Remove entries, their vectors, their aliases and unreferenced images together") { key, prompt, partition, olderThan, data, json, index, store };
        command.SetAction(async (parse, ct) =>
        {
            var settings = CommonOptions.LoadCacheSettings(parse, data, index, store, out var failure);
            if (settings is null)
            {
                return failure;
            }

            TimeSpan? age = null;
            if (parse.GetValue(olderThan) is { } text)
            {
                if (!DurationText.TryParse(text, out var parsed))
                {
                    return CliOutput.Fail($"--older-than: '{text}' is not a duration such as 30d, 12h or 90m.", CliOutput.UsageError);
                }

                age = parsed;
            }

            var criteria = CachePurger.Criteria(parse.GetValue(key), parse.GetValue(prompt), parse.GetValue(partition), age, DateTimeOffset.UtcNow);
            if (criteria is null)
            {
                return CliOutput.Fail("give --key, --prompt, --partition or --older-than.", CliOutput.UsageError);
            }

            await using var services = OfflineCache.Build(settings);
            var result = await services.GetRequiredService<CachePurger>().PurgeAsync(criteria, ct);
            Console.WriteLine(parse.GetValue(json)
                ? JsonSerializer.Serialize(result, CliOutput.Json)
                : $"purged {result.Entries} entries, {result.Aliases} aliases, {result.Vectors} vectors, {result.Blobs} images");
            return 0;
        });
        return command;
    }

    public static Command Reindex()
    {
        var data = CommonOptions.Data();
        var json = CommonOptions.Json();
        var index = CommonOptions.Index();
        var store = CommonOptions.Store();
        var batch = new Option<int>("--batch") { Description = "Prompts per embedding call", DefaultValueFactory = _ => 32 };
        var all = new Option<bool>("--all") { Description = "Re-embed every prompt, also those that already have a vector of the configured embedder" };
        var command = new Command("reindex", "Embed the stored prompts that have no vector of the configured embedder (after changing it, or to recover skipped entries)") { batch, all, data, json, index, store };
        command.SetAction(async (parse, ct) =>
        {
            var settings = CommonOptions.LoadCacheSettings(parse, data, index, store, out var failure);
            if (settings is null)
            {
                return failure;
            }

            await using var services = OfflineCache.Build(settings);
            var imageStore = services.GetRequiredService<IImageStore>();
            var coverage = services.GetRequiredService<IPromptCoverage>();
            var decider = services.GetRequiredService<SemanticDecider>();
            var pending = new EntryBatch(services.GetRequiredService<EntryIndexer>(), Math.Clamp(parse.GetValue(batch), 1, 1024));
            int unreadable = 0, current = 0;

            await CliOutput.WithStatusAsync(parse.GetValue(json), "re-embedding stored prompts...", async status =>
            {
                // Keys that already have this embedder's vector are skipped, so a second run, or one restarted after
                // an interruption, embeds only what is left.
                var done = new HashSet<string>(StringComparer.Ordinal);
                if (!parse.GetValue(all))
                {
                    await foreach (var vector in services.GetRequiredService<IVectorIndex>().ListAsync(ct))
                    {
                        if (string.Equals(vector.EmbedderId, coverage.EmbedderId, StringComparison.Ordinal))
                        {
                            done.Add(vector.Key);
                        }
                    }
                }

                await foreach (var entry in imageStore.ListEntriesAsync(ct))
                {
                    if (entry.AliasOf is not null)
                    {
                        continue;
                    }

                    if (!decider.Profile(entry.Prompt, coverage).SemanticEligible)
                    {
                        unreadable++;
                        continue;
                    }

                    if (done.Contains(entry.Key))
                    {
                        current++;
                        continue;
                    }

                    await pending.AddAsync(entry, ct);
                    status($"re-embedded {pending.Indexed} prompts...");
                }

                await pending.FlushAsync(ct);
            });
            Console.WriteLine(parse.GetValue(json)
                ? JsonSerializer.Serialize(new { indexed = pending.Indexed, already_current = current, skipped_unreadable = unreadable, embedder = coverage.EmbedderId }, CliOutput.Json)
                : $"re-embedded {pending.Indexed} prompts with {coverage.EmbedderId} ({current} already had its vector); {unreadable} prompts the model cannot read stay exact-only");
            return 0;
        });
        return command;
    }

}
