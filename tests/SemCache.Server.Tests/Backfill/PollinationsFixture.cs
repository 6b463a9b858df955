using System.Text.Json;
using Amazon.S3;
using Amazon.S3.Model;
using SemCache.Backfill;

namespace SemCache.Tests.Backfill;

/// <summary>
/// Writes images exactly as the image.pollinations.ai worker does: object key from <see cref="PollinationsKey"/>,
/// and for some an <c>originalUrl</c> (S3 user metadata, or a <c>&lt;file&gt;.json</c> sidecar in a directory).
/// </summary>
public static class PollinationsFixture
{
    public static readonly string LongPrompt = string.Join(", ", Enumerable.Repeat("an old stone lighthouse on a cliff above a stormy sea at dusk", 18));

    /// <summary>
    /// Ordinary prompts, prompts with <c>_</c> (one that reads like a parameter), a key over 990 characters with
    /// originalUrl (recoverable) and one without (truncated: reported), and a prompt MiniLM cannot read.
    /// </summary>
    public static IReadOnlyList<FixtureImage> Standard(int ordinary = 12)
    {
        string[] subjects = ["a red fox", "a snowy mountain village", "a bowl of ramen", "a vintage race car", "a koi pond", "an astronaut on a horse",
            "a lighthouse at night", "a field of sunflowers", "a steampunk owl", "a cozy library", "a desert caravan", "a neon city street"];
        var images = new List<FixtureImage>();
        for (var i = 0; i < ordinary; i++)
        {
            var prompt = $"{subjects[i % subjects.Length]} in watercolor style, scene {i}";
            images.Add(Make(prompt, [new("model", "flux"), new("seed", (i % 3).ToString(System.Globalization.CultureInfo.InvariantCulture)), new("width", "512"), new("height", "512")], withUrl: i % 4 == 0));
        }

        images.Add(Make("a portrait of my_cat wearing a tiny hat", [new("model", "flux"), new("nologo", "true")], withUrl: false));
        images.Add(Make("sunset_model_flux over the ocean", [], withUrl: false));
        images.Add(Make(LongPrompt, [new("seed", "5")], withUrl: true));
        images.Add(Make(LongPrompt + " with seagulls", [new("seed", "5")], withUrl: false));
        images.Add(Make("東京の夜景と桜の花", [new("width", "768")], withUrl: false));
        return images;
    }

    /// <summary>Images whose prompt the backfill can recover (all but the truncated key without originalUrl).</summary>
    public static IEnumerable<FixtureImage> Recoverable(IEnumerable<FixtureImage> images) =>
        images.Where(i => i.OriginalUrl is not null || PollinationsKey.TryDecode(i.Key, out _, out _, out _));

    public static FixtureImage Make(string prompt, IReadOnlyList<KeyValuePair<string, string>> query, bool withUrl)
    {
        var path = PollinationsKey.PromptPath(prompt);
        var key = PollinationsKey.Encode(path, query);
        // The worker saw the client's token and referrer; they are in the URL it recorded and must not survive.
        var url = withUrl
            ? "https://image.pollinations.ai" + PollinationsKey.PathAndSearch(path, query) + (query.Count == 0 ? "?" : "&") + "token=sk-test-secret&referrer=tests"
            : null;
        return new FixtureImage(prompt, query, key, FixtureImage.PngLike(key), url);
    }

    public static async Task WriteDirectoryAsync(string directory, IEnumerable<FixtureImage> images)
    {
        var n = 0;
        foreach (var image in images)
        {
            // File names stop at 255 bytes: longer keys go to a plain name with the key in the sidecar.
            var name = image.Key.Length <= 200 ? image.Key : $"long-{n++}.jpg";
            await File.WriteAllBytesAsync(Path.Combine(directory, name), image.Bytes);
            if (image.OriginalUrl is not null || name != image.Key)
            {
                var sidecar = new Dictionary<string, string?> { ["originalUrl"] = image.OriginalUrl, ["key"] = name == image.Key ? null : image.Key };
                await File.WriteAllTextAsync(Path.Combine(directory, name + ".json"), JsonSerializer.Serialize(sidecar));
            }
        }
    }

    public static async Task WriteS3Async(IAmazonS3 client, string bucket, string prefix, IEnumerable<FixtureImage> images)
    {
        try
        {
            await client.PutBucketAsync(new PutBucketRequest { BucketName = bucket });
        }
        catch (AmazonS3Exception ex) when (ex.ErrorCode is "BucketAlreadyOwnedByYou" or "BucketAlreadyExists")
        {
        }

        foreach (var image in images)
        {
            var put = new PutObjectRequest
            {
                BucketName = bucket,
                Key = prefix + image.Key,
                InputStream = new MemoryStream(image.Bytes),
                ContentType = "image/jpeg",
                UseChunkEncoding = false,
            };
            if (image.OriginalUrl is not null)
            {
                put.Metadata["originalUrl"] = image.OriginalUrl;
            }

            await client.PutObjectAsync(put);
        }
    }

    public static AmazonS3Client S3Client() => new(new AmazonS3Config
    {
        ServiceURL = Services.Required("SEMCACHE__S3__SERVICEURL"),
        ForcePathStyle = true,
        AuthenticationRegion = "us-east-1",
        RequestChecksumCalculation = Amazon.Runtime.RequestChecksumCalculation.WHEN_REQUIRED,
        ResponseChecksumValidation = Amazon.Runtime.ResponseChecksumValidation.WHEN_REQUIRED,
    });
}
