using System.Net;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text.Json;
using Amazon;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using SemCache.Core.Storage;

namespace SemCache.Storage.S3;

/// <summary>
/// <see cref="IImageStore"/> on S3-compatible object storage (AWS S3, Cloudflare R2, MinIO). Every node can share
/// one bucket: blobs are content-addressed and each entry is a single object, written atomically by a PUT.
/// </summary>
public sealed class S3ImageStore : IImageStore, IDisposable
{
    private const string JsonContentType = "application/json";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly AmazonS3Client _client;
    private readonly S3StoreOptions _options;
    private readonly S3ObjectKeys _keys;
    private readonly S3BucketGuard _bucket;

    public S3ImageStore(S3StoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Bucket);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.ListPageSize, nameof(options));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.ListPageSize, 1000, nameof(options));
        _options = options;
        _keys = new S3ObjectKeys(options.Prefix);
        _client = S3Clients.Create(options.ServiceUrl, options.Region, options.ForcePathStyle);
        _bucket = new S3BucketGuard(_client, options.Bucket, options.CreateBucketIfMissing);
    }

    public async Task<string> PutBlobAsync(ReadOnlyMemory<byte> bytes, string contentType, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(contentType);
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes.Span));
        var request = NewPut(_keys.Blob(sha256), bytes, contentType);
        request.Metadata["sha256"] = sha256;
        await PutAsync(request, cancellationToken);
        return sha256;
    }

    public async Task<StoredBlob?> GetBlobAsync(string sha256, CancellationToken cancellationToken = default)
    {
        var key = _keys.Blob(sha256);
        using var response = await GetOrNullAsync(key, cancellationToken);
        if (response is null)
        {
            return null;
        }

        var contentType = response.Headers.ContentType ?? "application/octet-stream";
        if (response.ContentLength >= 0)
        {
            var bytes = new byte[response.ContentLength];
            await response.ResponseStream.ReadExactlyAsync(bytes, cancellationToken);
            return new StoredBlob(bytes, contentType);
        }

        // No length announced (a chunked response): read to the end.
        using var buffer = new MemoryStream();
        await response.ResponseStream.CopyToAsync(buffer, cancellationToken);
        return new StoredBlob(buffer.ToArray(), contentType);
    }

    public Task<bool> BlobExistsAsync(string sha256, CancellationToken cancellationToken = default) =>
        ExistsAsync(_keys.Blob(sha256), cancellationToken);

    public Task<bool> DeleteBlobAsync(string sha256, CancellationToken cancellationToken = default) =>
        DeleteAsync(_keys.Blob(sha256), cancellationToken);

    public IAsyncEnumerable<string> ListBlobsAsync(CancellationToken cancellationToken = default) =>
        ListAsync(_keys.BlobsPrefix, _keys.BlobName, cancellationToken);

    public async Task<CacheEntry?> GetEntryAsync(string key, CancellationToken cancellationToken = default)
    {
        using var response = await GetOrNullAsync(_keys.Entry(key), cancellationToken);
        return response is null
            ? null
            : await JsonSerializer.DeserializeAsync<CacheEntry>(response.ResponseStream, Json, cancellationToken);
    }

    public async Task PutEntryAsync(CacheEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        S3ObjectKeys.Checked(entry.BlobSha256, nameof(entry));
        var json = JsonSerializer.SerializeToUtf8Bytes(entry, Json);
        await PutAsync(NewPut(_keys.Entry(entry.Key), json, JsonContentType), cancellationToken);
    }

    public Task<bool> DeleteEntryAsync(string key, CancellationToken cancellationToken = default) =>
        DeleteAsync(_keys.Entry(key), cancellationToken);

    public async IAsyncEnumerable<CacheEntry> ListEntriesAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var key in ListAsync(_keys.EntriesPrefix, _keys.EntryName, cancellationToken))
        {
            // Deleted between the listing and the read: skip it, as a later listing would.
            if (await GetEntryAsync(key, cancellationToken) is { } entry)
            {
                yield return entry;
            }
        }
    }

    public void Dispose()
    {
        _client.Dispose();
        _bucket.Dispose();
    }

    private PutObjectRequest NewPut(string key, ReadOnlyMemory<byte> bytes, string contentType)
    {
        var stream = MemoryMarshal.TryGetArray(bytes, out var segment)
            ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(bytes.ToArray(), writable: false);
        // No chunked (streaming-signature) uploads: R2 and several S3 look-alikes do not accept them.
        return new PutObjectRequest
        {
            BucketName = _options.Bucket,
            Key = key,
            InputStream = stream,
            ContentType = contentType,
            UseChunkEncoding = false,
        };
    }

    private async Task PutAsync(PutObjectRequest request, CancellationToken cancellationToken)
    {
        await EnsureBucketAsync(cancellationToken);
        await _client.PutObjectAsync(request, cancellationToken);
    }

    /// <summary>The SDK reports a missing object only as an exception; a miss then costs an origin call anyway.</summary>
    private async Task<GetObjectResponse?> GetOrNullAsync(string key, CancellationToken cancellationToken)
    {
        await EnsureBucketAsync(cancellationToken);
        try
        {
            return await _client.GetObjectAsync(_options.Bucket, key, cancellationToken);
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    private async Task<bool> ExistsAsync(string key, CancellationToken cancellationToken)
    {
        await EnsureBucketAsync(cancellationToken);
        try
        {
            await _client.GetObjectMetadataAsync(_options.Bucket, key, cancellationToken);
            return true;
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    /// <summary>S3 answers a DELETE the same way whether or not the object existed, so ask first.</summary>
    private async Task<bool> DeleteAsync(string key, CancellationToken cancellationToken)
    {
        if (!await ExistsAsync(key, cancellationToken))
        {
            return false;
        }

        await _client.DeleteObjectAsync(_options.Bucket, key, cancellationToken);
        return true;
    }

    private async IAsyncEnumerable<string> ListAsync(
        string prefix, Func<string, string?> name, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await EnsureBucketAsync(cancellationToken);
        var request = new ListObjectsV2Request { BucketName = _options.Bucket, Prefix = prefix, MaxKeys = _options.ListPageSize };
        while (true)
        {
            var page = await _client.ListObjectsV2Async(request, cancellationToken);
            foreach (var item in page.S3Objects ?? [])
            {
                if (name(item.Key) is { } found)
                {
                    yield return found;
                }
            }

            if (page.IsTruncated != true || string.IsNullOrEmpty(page.NextContinuationToken))
            {
                yield break;
            }

            request.ContinuationToken = page.NextContinuationToken;
        }
    }

    private Task EnsureBucketAsync(CancellationToken cancellationToken) => _bucket.EnsureAsync(cancellationToken);
}
