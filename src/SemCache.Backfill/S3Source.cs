using System.Net;
using System.Runtime.CompilerServices;
using Amazon;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using SemCache.Storage.S3;

namespace SemCache.Backfill;

/// <summary>
/// Objects under a prefix of an S3-compatible bucket (R2, MinIO), listed page by page (S3 lists in key order, so
/// resuming is a StartAfter). Client settings match S3ImageStore: path style, checksums only when required,
/// no chunked uploads. Credentials come from the standard AWS chain.
/// </summary>
public sealed class S3Source : IBackfillSource
{
    private readonly AmazonS3Client _client;
    private readonly string _bucket;
    private readonly string _prefix;

    public S3Source(S3Endpoint endpoint, string bucket, string prefix)
    {
        _bucket = bucket;
        _prefix = prefix;
        _client = S3Clients.Create(endpoint.ServiceUrl, endpoint.Region, endpoint.ForcePathStyle);
    }

    public string Description => $"s3://{_bucket}/{_prefix}";

    /// <summary>Parses <c>s3://bucket/prefix</c>; false for anything else.</summary>
    public static bool TryParseUri(string from, out string bucket, out string prefix)
    {
        bucket = prefix = "";
        if (!from.StartsWith("s3://", StringComparison.Ordinal))
        {
            return false;
        }

        var rest = from["s3://".Length..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        bucket = slash < 0 ? rest : rest[..slash];
        prefix = slash < 0 ? "" : rest[(slash + 1)..];
        return bucket.Length > 0;
    }

    public async IAsyncEnumerable<BackfillItem> ListAsync(string? after, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var request = new ListObjectsV2Request { BucketName = _bucket, Prefix = _prefix, MaxKeys = 1000, StartAfter = after };
        while (true)
        {
            var page = await _client.ListObjectsV2Async(request, cancellationToken);
            foreach (var item in page.S3Objects ?? [])
            {
                yield return new BackfillItem(item.Key, item.Key[_prefix.Length..]);
            }

            if (page.IsTruncated != true || string.IsNullOrEmpty(page.NextContinuationToken))
            {
                yield break;
            }

            request.ContinuationToken = page.NextContinuationToken;
        }
    }

    public async Task<SourceObject?> ReadAsync(BackfillItem item, CancellationToken cancellationToken)
    {
        GetObjectResponse response;
        try
        {
            response = await _client.GetObjectAsync(_bucket, _prefix + item.ObjectKey, cancellationToken);
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        using (response)
        {
            using var buffer = new MemoryStream(response.ContentLength > 0 ? (int)response.ContentLength : 0);
            await response.ResponseStream.CopyToAsync(buffer, cancellationToken);
            string? originalUrl = null;
            foreach (var name in response.Metadata.Keys)
            {
                // The SDK reports user metadata as x-amz-meta-<name>, lower-cased by most servers.
                if (name.EndsWith("originalurl", StringComparison.OrdinalIgnoreCase))
                {
                    originalUrl = response.Metadata[name];
                }
            }

            return new SourceObject(buffer.ToArray(), response.Headers.ContentType, originalUrl, response.LastModified);
        }
    }

    public void Dispose() => _client.Dispose();
}
