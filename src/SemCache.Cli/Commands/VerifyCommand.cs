using System.CommandLine;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SemCache.Core.Embedding;
using SemCache.Core.Index;
using SemCache.Core.Storage;
using SemCache.Matching;
using SemCache.Server.Maintenance;

namespace SemCache.Cli.Commands;

/// <summary><c>semcache verify [--repair]</c>: inconsistencies between the store and the index, and their repair.</summary>
public static class VerifyCommand
{
    public static Command Create()
    {
        var data = CommonOptions.Data();
        var json = CommonOptions.Json();
        var index = CommonOptions.Index();
        var store = CommonOptions.Store();
        var repair = new Option<bool>("--repair") { Description = "Remove entries whose image or alias target is gone and vectors without an entry; re-index entries without a vector" };
        var command = new Command("verify", "Find (and with --repair fix) entries without an image, dangling aliases, prompts without a vector and vectors without an entry") { repair, data, json, index, store };
        command.SetAction(async (parse, ct) =>
        {
            var settings = CommonOptions.LoadCacheSettings(parse, data, index, store, out var failure);
            if (settings is null)
            {
                return failure;
            }

            await using var services = OfflineCache.Build(settings);
            var verifier = new CacheVerifier(
                services.GetRequiredService<IImageStore>(),
                services.GetRequiredService<IVectorIndex>(),
                services.GetRequiredService<CachePurger>(),
                services.GetRequiredService<EntryIndexer>(),
                services.GetRequiredService<SemanticDecider>(),
                services.GetRequiredService<IPromptCoverage>());
            var asJson = parse.GetValue(json);
            VerifyResult? result = null;
            await CliOutput.WithStatusAsync(asJson, "checking entries...", async status =>
                result = await verifier.VerifyAsync(parse.GetValue(repair), status, ct));
            var r = result!;
            var consistent = r.Problems == 0 || r.Repaired;
            if (asJson)
            {
                Console.WriteLine(JsonSerializer.Serialize(new
                {
                    entries = r.Entries,
                    vectors = r.Vectors,
                    missing_blobs = r.MissingBlobs,
                    orphan_aliases = r.OrphanAliases,
                    unindexed = r.Unindexed,
                    orphan_vectors = r.OrphanVectors,
                    stale_embedder_vectors = r.StaleEmbedderVectors,
                    embedder = r.EmbedderId,
                    removed = r.Removed,
                    removed_vectors = r.RemovedVectors,
                    reindexed = r.Reindexed,
                    repaired = r.Repaired,
                    consistent,
                }, CliOutput.Json));
            }
            else
            {
                Console.WriteLine(
                    $"{r.Entries} entries, {r.Vectors} vectors: {r.MissingBlobs} without an image, {r.OrphanAliases} dangling aliases, "
                    + $"{r.Unindexed} without a vector, {r.OrphanVectors} vectors without an entry"
                    + (r.Repaired ? $"; removed {r.Removed} entries and {r.RemovedVectors} vectors, re-indexed {r.Reindexed}" : r.Problems > 0 ? "; run with --repair to fix" : ""));
                if (r.StaleEmbedderVectors > 0)
                {
                    Console.WriteLine($"stale-embedder vectors: {r.StaleEmbedderVectors} made by another embedder than {r.EmbedderId}; run semcache reindex");
                }
            }

            return consistent ? 0 : CliOutput.Failure;
        });
        return command;
    }
}
