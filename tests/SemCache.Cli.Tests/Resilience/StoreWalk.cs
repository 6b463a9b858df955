using System.Security.Cryptography;
using SemCache.Core.Storage;
using SemCache.Embedding;
using SemCache.Index.Embedded;
using SemCache.Storage.Files;

namespace SemCache.Tests.Resilience;

/// <summary>
/// Opens a data directory the way the server does (while no server runs) and checks it is consistent: every entry's
/// image exists and has the entry's digest, and every vector in the index leads to an entry and an existing image.
/// </summary>
public static class StoreWalk
{
    public sealed record Result(IReadOnlyDictionary<string, CacheEntry> Entries, IReadOnlySet<string> IndexedKeys, long CorruptEntries);

    public static async Task<Result> AssertConsistentAsync(string data, OnnxSentenceEmbedder embedder)
    {
        var store = new FileImageStore(Path.Combine(data, "images"));
        var entries = new Dictionary<string, CacheEntry>(StringComparer.Ordinal);
        await foreach (var entry in store.ListEntriesAsync())
        {
            var blob = await store.GetBlobAsync(entry.BlobSha256);
            Assert.True(blob is not null, $"entry {entry.Key} points at the missing image {entry.BlobSha256}");
            Assert.Equal(entry.BlobSha256, Convert.ToHexStringLower(SHA256.HashData(blob.Bytes)));
            entries[entry.Key] = entry;
        }

        var indexed = new HashSet<string>(StringComparer.Ordinal);
        using (var index = EmbeddedVectorIndex.Open(Path.Combine(data, "index")))
        {
            var probe = (await embedder.GenerateAsync(["any prompt at all"]))[0].Vector;
            foreach (var (partition, count) in await index.CountByPartitionAsync())
            {
                // An exact search for more rows than the partition holds returns every row of it.
                var candidates = await index.SearchAsync(partition, embedder.EmbedderId, probe, (int)count + 10);
                Assert.Equal(count, candidates.Count);
                foreach (var candidate in candidates)
                {
                    Assert.True(entries.ContainsKey(candidate.Key), $"vector {candidate.Key} has no entry");
                    Assert.True(await store.BlobExistsAsync(candidate.BlobSha256), $"vector {candidate.Key} points at the missing image {candidate.BlobSha256}");
                    indexed.Add(candidate.Key);
                }
            }
        }

        return new Result(entries, indexed, store.CorruptEntriesSkipped);
    }
}
