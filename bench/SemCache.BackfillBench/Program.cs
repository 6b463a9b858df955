using System.Globalization;
using Amazon.S3;
using Amazon.S3.Model;
using SemCache.Backfill;
using SemCache.Storage.S3;

// Seeds an S3 bucket with objects written the way the image.pollinations.ai worker writes them (key from the request
// URL, originalUrl metadata on a quarter of them), from a file of real prompts, for `bench/backfill.sh` to backfill.
// Usage: SemCache.BackfillBench PROMPTS_FILE BUCKET PREFIX COUNT [IMAGE_BYTES]
//        SemCache.BackfillBench PROMPTS_FILE dir:DIRECTORY PREFIX COUNT [IMAGE_BYTES]   (the same objects as files under
//        DIRECTORY/PREFIX, each with a <file>.json sidecar holding its key and originalUrl, for a backfill from a directory)
//        SemCache.BackfillBench embed PROMPTS_FILE COUNT    (the embedding ceiling alone, as the backfill embeds)
if (args is ["embed", var file, var n])
{
    return EmbedCeiling.Run(file, int.Parse(n, CultureInfo.InvariantCulture));
}

if (args.Length < 4 || !int.TryParse(args[3], CultureInfo.InvariantCulture, out var count) || count < 1)
{
    Console.Error.WriteLine("usage: SemCache.BackfillBench PROMPTS_FILE BUCKET PREFIX COUNT [IMAGE_BYTES]");
    return 2;
}

var (promptsFile, bucket, prefix) = (args[0], args[1], args[2]);
var imageBytes = args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 2048;
// The worker's keys are at most 999 characters; longer prompts are reported as truncated by the backfill, so the
// benchmark keeps to prompts whose whole key fits (as most real ones do).
string[] models = ["flux", "turbo"];
var written = 0;
var random = new Random(42);
var candidates = File.ReadLines(promptsFile)
    .Select(p => p.Trim())
    .Where(p => p.Length > 0)
    .Distinct(StringComparer.Ordinal)
    .Select((prompt, i) =>
    {
        List<KeyValuePair<string, string>> query =
        [
            new("height", "1024"),
            new("model", models[i % models.Length]),
            new("seed", (i % 5).ToString(CultureInfo.InvariantCulture)),
            new("width", "1024"),
        ];
        var path = PollinationsKey.PromptPath(prompt);
        return (Key: PollinationsKey.Encode(path, query), Url: i % 4 == 0 ? "https://image.pollinations.ai" + PollinationsKey.PathAndSearch(path, query) : null);
    });
var objects = new List<(string Key, string? Url)>(count);
var skipped = 0;
foreach (var candidate in candidates)
{
    if (objects.Count == count)
    {
        break;
    }

    if (candidate.Key.Length < 990)
    {
        objects.Add(candidate);
    }
    else
    {
        skipped++;
    }
}

byte[] Body()
{
    var body = new byte[imageBytes];
    lock (random)
    {
        random.NextBytes(body);
    }

    // A PNG signature is what the backfill sniffs; the rest makes every blob distinct.
    byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    png.CopyTo(body, 0);
    return body;
}

if (bucket.StartsWith("dir:", StringComparison.Ordinal))
{
    // Pollinations keys run to 999 characters, longer than a file name may be: the key goes in the sidecar.
    var directory = Path.Combine(bucket[4..], prefix);
    Directory.CreateDirectory(directory);
    var number = 0;
    foreach (var o in objects)
    {
        var path = Path.Combine(directory, $"object-{number++:D6}.jpg");
        File.WriteAllBytes(path, Body());
        File.WriteAllText(path + ".json", System.Text.Json.JsonSerializer.Serialize(new { key = o.Key, originalUrl = o.Url }));
    }

    Console.WriteLine($"wrote {objects.Count} objects to {directory} ({skipped} prompts skipped: key over 990 characters)");
    return 0;
}

var serviceUrl = Environment.GetEnvironmentVariable("SEMCACHE__S3__SERVICEURL")
    ?? throw new InvalidOperationException("SEMCACHE__S3__SERVICEURL is not set: eval \"$(scripts/services/up.sh)\" first");
using var client = S3Clients.Create(new Uri(serviceUrl), Environment.GetEnvironmentVariable("SEMCACHE__S3__REGION") ?? "us-east-1", forcePathStyle: true);
try
{
    await client.PutBucketAsync(new PutBucketRequest { BucketName = bucket });
}
catch (AmazonS3Exception ex) when (ex.ErrorCode is "BucketAlreadyOwnedByYou" or "BucketAlreadyExists")
{
}

await Parallel.ForEachAsync(objects, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (o, ct) =>
{
    var body = Body();
    var put = new PutObjectRequest
    {
        BucketName = bucket,
        Key = prefix + o.Key,
        InputStream = new MemoryStream(body),
        ContentType = "image/jpeg",
        UseChunkEncoding = false,
    };
    if (o.Url is not null)
    {
        put.Metadata["originalUrl"] = o.Url;
    }

    await client.PutObjectAsync(put, ct);
    Interlocked.Increment(ref written);
});

Console.WriteLine($"wrote {written} objects to s3://{bucket}/{prefix} ({skipped} prompts skipped: key over 990 characters)");
return 0;
