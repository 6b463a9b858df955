using System.Text;
using SemCache.Backfill;
using SemCache.Server.Hosting;
using SemCache.Storage.S3;
using SemCache.Tests.Infrastructure;

namespace SemCache.Tests.Backfill;

/// <summary>Backfill from the S3 test server (scripts/services/up.sh; missing settings fail loudly).</summary>
public sealed class S3BackfillTests
{
    // Short, so that a 999-character Pollinations key under <scope>worker/ stays within S3's 1,024 bytes.
    private readonly string _scope = "bf-" + Guid.NewGuid().ToString("N")[..8] + "/";

    private static string Bucket => Services.Required("SEMCACHE__S3__BUCKET");

    [Fact]
    public async Task Pollinations_objects_in_a_bucket_become_exact_and_semantic_hits()
    {
        using var data = new TempDirectory();
        var images = PollinationsFixture.Standard();
        // The keys over 990 characters go in as they are: one with originalUrl (recovered), one without (truncated).
        var longKeys = images.Where(i => i.Key.Length > 990).ToList();
        Assert.Equal(2, longKeys.Count);
        Assert.Single(longKeys, i => i.OriginalUrl is not null);
        Assert.All(images, i => Assert.InRange(Encoding.UTF8.GetByteCount(_scope + "worker/" + i.Key), 1, 1024));
        using (var client = PollinationsFixture.S3Client())
        {
            await PollinationsFixture.WriteS3Async(client, Bucket, _scope + "worker/", images);
        }

        var settings = new SemCacheSettings { Data = data.Path, S3 = S3() };
        var from = $"s3://{Bucket}/{_scope}worker/";

        var first = await BackfillHarness.RunOnceAsync(settings, from, KeyFormat.Pollinations);
        BackfillAssert.FirstRun(images, first);
        Assert.Equal(1, first.Skipped[PollinationsKey.Truncated]);
        BackfillAssert.SecondRun(images, await BackfillHarness.RunOnceAsync(settings, from, KeyFormat.Pollinations));

        await using (var harness = new BackfillHarness(settings))
        {
            var entries = await harness.EntriesAsync();
            Assert.Equal(images.Count - 1, entries.Count);
            Assert.Single(entries, e => e.Prompt == PollinationsFixture.LongPrompt);
            Assert.DoesNotContain(entries, e => e.Prompt.StartsWith(PollinationsFixture.LongPrompt + " with", StringComparison.Ordinal));
            // The originalUrl carried a token and a referrer: neither reaches an entry.
            Assert.DoesNotContain(entries, e => e.Parameters.Keys.Any(k => k is "token" or "referrer"));
        }

        await using var server = await CacheServer.StartAsync(data.Path);
        await BackfillAssert.ServesAsync(server, images);
    }

    [Fact]
    public async Task Into_an_s3_store_then_the_stores_own_entries_are_reindexed_without_copying()
    {
        using var source = new TempDirectory();
        using var data = new TempDirectory();
        using var fresh = new TempDirectory();
        var images = PollinationsFixture.Standard(ordinary: 6);
        await PollinationsFixture.WriteDirectoryAsync(source.Path, images);
        var settings = new SemCacheSettings { Data = data.Path, Store = StoreKind.S3, S3 = S3() with { Prefix = _scope + "store/" } };

        var first = await BackfillHarness.RunOnceAsync(settings, source.Path, KeyFormat.Pollinations);
        Assert.Equal(images.Count - 2, first.Indexed);

        // A new, empty index over the same store (an embedder change, a lost index): the semcache format rebuilds it.
        var reindexSettings = settings with { Data = fresh.Path };
        await using (var harness = new BackfillHarness(reindexSettings))
        {
            var blobsBefore = await harness.Store.ListBlobsAsync().CountAsync();
            var summary = await harness.RunAsync($"s3://{Bucket}/{_scope}store/", KeyFormat.Semcache);
            Assert.True(summary.Completed);
            Assert.Empty(summary.Failed);
            Assert.Equal(images.Count - 2, summary.Indexed);
            Assert.Equal(1, summary.AlreadyPresent); // the prompt MiniLM cannot read: stored, never indexed
            Assert.Equal(blobsBefore, await harness.Store.ListBlobsAsync().CountAsync());
        }

        await using var server = await CacheServer.StartAsync(fresh.Path, configure: _ => reindexSettings with { Port = 0, DemoDelayMs = 0 });
        await BackfillAssert.ServesAsync(server, images);
    }

    private static S3StoreOptions S3() => new()
    {
        ServiceUrl = new Uri(Services.Required("SEMCACHE__S3__SERVICEURL")),
        Bucket = Bucket,
        Region = Environment.GetEnvironmentVariable("SEMCACHE__S3__REGION") ?? "us-east-1",
        CreateBucketIfMissing = true,
    };
}
