using System.Security.Cryptography;
using Amazon.S3;
using SemCache.Core.Storage;
using SemCache.Storage.S3;
using SemCache.Tests.Services;

namespace SemCache.Tests.S3;

public sealed class S3ImageStoreTests(ServicesFixture services) : IClassFixture<ServicesFixture>
{
    private readonly string _prefix = ServicesFixture.UniqueName("t") + "/";

    [Fact]
    public async Task Blobs_keep_their_bytes_content_type_and_digest_metadata()
    {
        using var store = new S3ImageStore(services.S3Options(_prefix));
        var bytes = RandomNumberGenerator.GetBytes(70_000);

        var sha = await store.PutBlobAsync(bytes, "image/png");

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), sha);
        var blob = await store.GetBlobAsync(sha);
        Assert.NotNull(blob);
        Assert.Equal(bytes, blob.Bytes);
        Assert.Equal("image/png", blob.ContentType);
        using var raw = RawClient();
        var head = await raw.GetObjectMetadataAsync(services.S3Bucket, $"{_prefix}blobs/{sha}");
        Assert.Equal("image/png", head.Headers.ContentType);
        Assert.Equal(sha, head.Metadata["sha256"]);
        Assert.Equal(bytes.Length, head.ContentLength);
    }

    [Fact]
    public async Task Missing_keys_read_as_null_or_false_and_bad_keys_are_rejected()
    {
        using var store = new S3ImageStore(services.S3Options(_prefix));
        var missing = new string('a', 64);

        Assert.Null(await store.GetEntryAsync(missing));
        Assert.Null(await store.GetBlobAsync(missing));
        Assert.False(await store.BlobExistsAsync(missing));
        Assert.False(await store.DeleteBlobAsync(missing));
        Assert.False(await store.DeleteEntryAsync(missing));
        await Assert.ThrowsAsync<ArgumentException>(() => store.GetEntryAsync("../" + missing[3..]));
        await Assert.ThrowsAsync<ArgumentException>(() => store.GetBlobAsync(missing.ToUpperInvariant()));
    }

    [Fact]
    public async Task Listing_follows_continuation_tokens_across_pages()
    {
        using var store = new S3ImageStore(services.S3Options(_prefix, listPageSize: 2));
        var put = new HashSet<string>();
        for (var i = 0; i < 5; i++)
        {
            put.Add(await store.PutBlobAsync(RandomNumberGenerator.GetBytes(100), "image/jpeg"));
        }

        var entries = put.Select((sha, i) => Entry(i, sha)).ToList();
        foreach (var entry in entries)
        {
            await store.PutEntryAsync(entry);
        }

        Assert.Equal(put.Order(), (await store.ListBlobsAsync().ToListAsync()).Order());
        var listed = await store.ListEntriesAsync().ToListAsync();
        Assert.Equal(entries.Select(e => e.Key).Order(), listed.Select(e => e.Key).Order());
    }

    [Fact]
    public async Task Entries_round_trip_exactly_as_camel_case_json()
    {
        using var store = new S3ImageStore(services.S3Options(_prefix));
        var entry = Entry(1, new string('b', 64)) with
        {
            LastHit = new DateTimeOffset(2026, 11, 25, 4, 5, 6, TimeSpan.FromHours(2)).AddTicks(1234567),
            HitCount = 42,
            OriginMilliseconds = 1234.5678901,
            AliasOf = new string('c', 64),
        };

        await store.PutEntryAsync(entry);
        var read = await store.GetEntryAsync(entry.Key);

        Assert.NotNull(read);
        Assert.Equal(entry with { Parameters = read.Parameters }, read);
        Assert.Equal(entry.Parameters.OrderBy(p => p.Key), read.Parameters.OrderBy(p => p.Key));
        Assert.Equal(entry.LastHit!.Value.Offset, read.LastHit!.Value.Offset);
        using var raw = RawClient();
        using var json = await raw.GetObjectAsync(services.S3Bucket, $"{_prefix}entries/{entry.Key}.json");
        Assert.Equal("application/json", json.Headers.ContentType);
        var text = await new StreamReader(json.ResponseStream).ReadToEndAsync();
        Assert.Contains("\"blobSha256\":", text, StringComparison.Ordinal);
        Assert.True(await store.DeleteEntryAsync(entry.Key));
        Assert.Null(await store.GetEntryAsync(entry.Key));
    }

    [Fact]
    public async Task A_missing_bucket_is_created_when_asked()
    {
        var options = services.S3Options("") with { Bucket = ServicesFixture.UniqueName("bucket").Replace('_', '-'), CreateBucketIfMissing = true };
        using var store = new S3ImageStore(options);

        var sha = await store.PutBlobAsync(new byte[] { 1, 2, 3 }, "image/webp");

        Assert.True(await store.BlobExistsAsync(sha));
        Assert.Equal([sha], await store.ListBlobsAsync().ToListAsync());
    }

    private static CacheEntry Entry(int n, string sha) => new()
    {
        Key = n.ToString("x64", System.Globalization.CultureInfo.InvariantCulture),
        BlobSha256 = sha,
        ContentType = "image/jpeg",
        Size = 100 + n,
        Prompt = $"a red fox number {n} — ünïcödé",
        Partition = "model=flux&width=512",
        Parameters = new Dictionary<string, string> { ["model"] = "flux", ["width"] = "512" },
        Created = new DateTimeOffset(2026, 11, 25, 3, 0, 0, TimeSpan.Zero).AddTicks(n),
    };

    private AmazonS3Client RawClient() => new(new AmazonS3Config
    {
        ServiceURL = services.S3ServiceUrl.ToString(),
        ForcePathStyle = true,
        AuthenticationRegion = services.S3Region,
    });
}
