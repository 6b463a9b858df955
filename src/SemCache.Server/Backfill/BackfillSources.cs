using SemCache.Server.Hosting;
using SemCache.Storage;
using SemCache.Storage.Files;
using SemCache.Storage.S3;

namespace SemCache.Server.Backfill;

/// <summary>Builds the source named by <c>--from</c> for a key format.</summary>
public static class BackfillSources
{
    /// <summary>
    /// <paramref name="from"/> is <c>s3://bucket/prefix</c> or a directory. For the semcache format, a source that is
    /// the configured store itself (same bucket and prefix, or the data directory's images) sets
    /// <paramref name="sourceIsStore"/>: its entries are already in place and only the index is written.
    /// </summary>
    public static IBackfillSource Create(
        string from, KeyFormat format, string? manifest, SemCacheSettings settings, IImageStore configuredStore, out bool sourceIsStore)
    {
        sourceIsStore = false;
        var isS3 = S3Source.TryParseUri(from, out var bucket, out var prefix);
        if (!isS3 && !Directory.Exists(from))
        {
            throw new DirectoryNotFoundException($"--from: '{from}' is neither s3://bucket/prefix nor an existing directory.");
        }

        switch (format)
        {
            case KeyFormat.Semcache when isS3:
                sourceIsStore = settings.Store == "s3" && bucket == settings.S3.Bucket && prefix == settings.S3.Prefix;
                return sourceIsStore
                    ? new StoreEntrySource(configuredStore, from, ownsStore: false)
                    : new StoreEntrySource(
                        new S3ImageStore(new S3StoreOptions
                        {
                            ServiceUrl = settings.S3.ServiceUrl,
                            Region = settings.S3.Region,
                            Bucket = bucket,
                            Prefix = prefix,
                            ForcePathStyle = settings.S3.ForcePathStyle,
                        }),
                        from,
                        ownsStore: true);
            case KeyFormat.Semcache:
                sourceIsStore = settings.Store == "files"
                    && Path.GetFullPath(from).TrimEnd('/') == Path.GetFullPath(Path.Combine(settings.Data, "images")).TrimEnd('/');
                return new StoreEntrySource(sourceIsStore ? configuredStore : new FileImageStore(from), from, ownsStore: !sourceIsStore);
            case KeyFormat.Manifest:
                if (manifest is null || !File.Exists(manifest))
                {
                    throw new FileNotFoundException($"--manifest: '{manifest}' does not exist (the manifest format needs one).");
                }

                return new ManifestSource(manifest, Objects(from, isS3, bucket, prefix, settings));
            default:
                return Objects(from, isS3, bucket, prefix, settings);
        }
    }

    private static IBackfillSource Objects(string from, bool isS3, string bucket, string prefix, SemCacheSettings settings) =>
        isS3 ? new S3Source(settings.S3, bucket, prefix) : new DirectorySource(from);
}
