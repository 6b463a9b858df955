using SemCache.Core.Embedding;
using SemCache.Core.Images;
using SemCache.Core.Index;
using SemCache.Core.Storage;
using SemCache.Matching;

namespace SemCache.Backfill;

/// <summary>One object: recover its request, skip it if indexed, else store blob and entry (not for a dry run).</summary>
internal sealed class BackfillWriter(IImageStore store, IVectorIndex index, IPromptCoverage coverage, SemanticDecider decider)
{
    /// <summary>The index entry (without its vector) to write, or null when nothing is left to index.</summary>
    public async Task<IndexEntry?> WriteAsync(
        BackfillItem item, IBackfillSource source, RequestRecovery recovery, BackfillOptions options, BackfillTally tally, CancellationToken ct)
    {
        SourceObject? read = null;
        if (recovery.NeedsObject)
        {
            read = await source.ReadAsync(item, ct);
            if (read is null)
            {
                tally.Failed("missing-object");
                return null;
            }
        }

        if (recovery.Recover(item, read, out var reason) is not { } target)
        {
            tally.Skipped(reason!);
            return null;
        }

        if (await index.ContainsAsync(target.Key, ct))
        {
            tally.Present();
            return null;
        }

        var eligible = decider.Profile(target.Prompt, coverage).SemanticEligible;
        var existing = options.SourceIsStore ? item.Entry : await store.GetEntryAsync(target.Key, ct);
        if (existing is not null)
        {
            // Stored earlier (a previous run killed before its vectors, or a prompt the embedder cannot read).
            if (!eligible)
            {
                tally.Present();
                return null;
            }

            return Entry(target, existing.BlobSha256, existing.Created);
        }

        read ??= await source.ReadAsync(item, ct);
        if (read is null)
        {
            tally.Failed("missing-object");
            return null;
        }

        if (ImageFormat.Sniff(read.Bytes) is not { } contentType)
        {
            tally.Failed("not-an-image");
            return null;
        }

        var created = read.LastModified ?? DateTimeOffset.UtcNow;
        var sha = options.DryRun ? "" : await store.PutBlobAsync(read.Bytes, contentType, ct);
        if (!options.DryRun)
        {
            await store.PutEntryAsync(new CacheEntry
            {
                Key = target.Key,
                BlobSha256 = sha,
                ContentType = contentType,
                Size = read.Bytes.Length,
                Prompt = target.Prompt,
                Partition = target.Partition,
                Parameters = target.Parameters.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal),
                Created = created,
            }, ct);
        }

        if (!eligible)
        {
            tally.Skipped(BackfillRunner.Unreadable);
            return null;
        }

        return Entry(target, sha, created);
    }

    private IndexEntry Entry(BackfillTarget target, string sha, DateTimeOffset created) => new()
    {
        Key = target.Key,
        Partition = target.Partition,
        EmbedderId = coverage.EmbedderId,
        Prompt = target.Prompt,
        Vector = ReadOnlyMemory<float>.Empty,
        BlobSha256 = sha,
        Created = created,
    };
}
