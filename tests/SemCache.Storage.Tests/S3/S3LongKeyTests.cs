using System.Net;
using System.Text;
using Amazon.S3;
using Amazon.S3.Model;
using SemCache.Tests.Services;

namespace SemCache.Tests.S3;

/// <summary>
/// S3 and R2 take keys up to 1,024 bytes (a Pollinations key runs to 999 characters, with no '/'); the test server
/// must too, across its restart (it keeps objects in files, whose names stop at 255 bytes). Restarts the shared S3
/// server, so it runs alone (see <see cref="ServiceFaultsCollection"/>).
/// </summary>
[Collection(ServiceFaultsCollection.Name)]
public sealed class S3LongKeyTests(ServicesFixture services)
{
    private const int KeyBytes = 1000;

    [Fact]
    public async Task Keys_of_1000_bytes_round_trip_and_survive_an_s3_server_restart()
    {
        var prefix = ServicesFixture.UniqueName("t") + "/";
        // Two keys alike but for their last byte (the server must not shorten them to the same file), one with a long
        // segment before a '/', and characters a file name escapes or spends several bytes on.
        var keys = new[]
        {
            KeyOf(prefix + "sunset_over_the_sea?:%_", "-a"),
            KeyOf(prefix + "sunset_over_the_sea?:%_", "-b"),
            KeyOf(prefix + KeyOf("", "/", 400), "-c"),
        };
        var objects = keys.ToDictionary(k => k, k => new Stored(Encoding.UTF8.GetBytes("body " + k[^2..]), "https://example.test/" + k[^2..]));
        var copy = KeyOf(prefix + "copy/", "-copy");
        using var client = Client();

        foreach (var (key, stored) in objects)
        {
            Assert.Equal(KeyBytes, Encoding.UTF8.GetByteCount(key));
            var put = new PutObjectRequest { BucketName = services.S3Bucket, Key = key, InputStream = new MemoryStream(stored.Body), ContentType = "image/jpeg", UseChunkEncoding = false };
            put.Metadata["originalurl"] = stored.Url;
            await client.PutObjectAsync(put);
        }

        await client.CopyObjectAsync(new CopyObjectRequest
        {
            SourceBucket = services.S3Bucket,
            SourceKey = keys[0],
            DestinationBucket = services.S3Bucket,
            DestinationKey = copy,
        });
        objects[copy] = objects[keys[0]];
        await AssertStoredAsync(client, prefix, objects);

        await ServiceScripts.S3Async("stop");
        try
        {
            await Assert.ThrowsAnyAsync<Exception>(() => client.GetObjectMetadataAsync(services.S3Bucket, keys[0]));
        }
        finally
        {
            await ServiceScripts.S3Async("start");
        }

        await AssertStoredAsync(client, prefix, objects);
        foreach (var key in objects.Keys)
        {
            await client.DeleteObjectAsync(services.S3Bucket, key);
            var gone = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => client.GetObjectAsync(services.S3Bucket, key));
            Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        }

        Assert.Empty(await ListAsync(client, prefix));
    }

    private async Task AssertStoredAsync(AmazonS3Client client, string prefix, Dictionary<string, Stored> objects)
    {
        Assert.Equal(objects.Keys.Order(StringComparer.Ordinal), await ListAsync(client, prefix));
        foreach (var (key, stored) in objects)
        {
            var head = await client.GetObjectMetadataAsync(services.S3Bucket, key);
            Assert.Equal(stored.Body.Length, head.ContentLength);
            Assert.Equal("image/jpeg", head.Headers.ContentType);
            Assert.Equal(stored.Url, head.Metadata["originalurl"]);
            using var get = await client.GetObjectAsync(services.S3Bucket, key);
            using var bytes = new MemoryStream();
            await get.ResponseStream.CopyToAsync(bytes);
            Assert.Equal(stored.Body, bytes.ToArray());
        }
    }

    private async Task<List<string>> ListAsync(AmazonS3Client client, string prefix)
    {
        var page = await client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = services.S3Bucket, Prefix = prefix });
        return (page.S3Objects ?? []).Select(o => o.Key).ToList();
    }

    /// <summary><paramref name="start"/>, then filler of one- and two-byte characters, then <paramref name="end"/>: exactly <paramref name="bytes"/> UTF-8 bytes.</summary>
    private static string KeyOf(string start, string end, int bytes = KeyBytes)
    {
        var key = new StringBuilder(start);
        const string filler = "ünïcödé lighthouse ";
        for (var i = 0; Encoding.UTF8.GetByteCount(key.ToString()) + Encoding.UTF8.GetByteCount(end) < bytes - 1; i++)
        {
            key.Append(filler[i % filler.Length]);
        }

        while (Encoding.UTF8.GetByteCount(key.ToString()) + Encoding.UTF8.GetByteCount(end) < bytes)
        {
            key.Append('x');
        }

        return key.Append(end).ToString();
    }

    private sealed record Stored(byte[] Body, string Url);

    private AmazonS3Client Client() => new(new AmazonS3Config
    {
        ServiceURL = services.S3ServiceUrl.ToString(),
        ForcePathStyle = services.S3ForcePathStyle,
        AuthenticationRegion = services.S3Region,
    });
}
