using SemCache.Storage.Files;
using SemCache.Storage.S3;

namespace SemCache.Backfill;

/// <summary>Builds the source named by <c>--from</c> for a key format.</summary>
public static class BackfillSources
{
    /// <summary>
    /// <paramref name="from"/> is <c>s3://bucket/prefix</c> or a directory. For the semcache format, a source that is
    /// the configured store itself (same bucket and prefix, or the data directory's images) sets
    /// <paramref name="sourceIsStore"/>: its entries are already in place and only the index is written.
    /// </summary>
    public static IBackfillSource Create(
        string from, KeyFormat format, string? manifest, BackfillDestination destination, out bool sourceIsStore)
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
                sourceIsStore = bucket == destination.Bucket && prefix == destination.Prefix;
                return sourceIsStore
                    ? new StoreEntrySource(destination.Store, from, ownsStore: false)
                    : new StoreEntrySource(
                        new S3ImageStore(new S3StoreOptions
                        {
                            ServiceUrl = destination.S3.ServiceUrl,
                            Region = destination.S3.Region,
                            Bucket = bucket,
                            Prefix = prefix,
                            ForcePathStyle = destination.S3.ForcePathStyle,
                        }),
                        from,
                        ownsStore: true);
            case KeyFormat.Semcache:
                sourceIsStore = destination.ImagesDirectory is { } images
                    && Path.GetFullPath(from).TrimEnd('/') == Path.GetFullPath(images).TrimEnd('/');
                return new StoreEntrySource(sourceIsStore ? destination.Store : new FileImageStore(from), from, ownsStore: !sourceIsStore);
            case KeyFormat.Manifest:
                if (manifest is null || !File.Exists(manifest))
                {
                    throw new FileNotFoundException($"--manifest: '{manifest}' does not exist (the manifest format needs one).");
                }

                return new ManifestSource(manifest, Objects(from, isS3, bucket, prefix, destination.S3));
            default:
                return Objects(from, isS3, bucket, prefix, destination.S3);
        }
    }

    private static IBackfillSource Objects(string from, bool isS3, string bucket, string prefix, S3Endpoint endpoint) =>
        isS3 ? new S3Source(endpoint, bucket, prefix) : new DirectorySource(from);
}
