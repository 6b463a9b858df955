using SemCache.Backfill;
using SemCache.Server.Hosting;
using SemCache.Tests.Infrastructure;

namespace SemCache.Tests.Backfill;

public sealed class DirectoryBackfillTests
{
    [Fact]
    public async Task Pollinations_objects_in_a_directory_become_exact_and_semantic_hits()
    {
        using var source = new TempDirectory();
        using var data = new TempDirectory();
        var images = PollinationsFixture.Standard();
        await PollinationsFixture.WriteDirectoryAsync(source.Path, images);
        var settings = new SemCacheSettings { Data = data.Path };

        BackfillAssert.FirstRun(images, await BackfillHarness.RunOnceAsync(settings, source.Path, KeyFormat.Pollinations));
        BackfillAssert.SecondRun(images, await BackfillHarness.RunOnceAsync(settings, source.Path, KeyFormat.Pollinations));

        await using (var harness = new BackfillHarness(settings))
        {
            var entries = await harness.EntriesAsync();
            Assert.Equal(images.Count - 1, entries.Count);
            Assert.Equal(images.Count - 2, (await harness.Index.CountByPartitionAsync()).Values.Sum());
            // The originalUrl carried a token and a referrer: neither reaches an entry.
            Assert.DoesNotContain(entries, e => e.Parameters.Keys.Any(k => k is "token" or "referrer"));
            Assert.Contains(entries, e => e.Prompt == PollinationsFixture.LongPrompt);
            Assert.Contains(entries, e => e.Prompt == "sunset_model_flux over the ocean");
        }

        await using var server = await CacheServer.StartAsync(data.Path);
        await BackfillAssert.ServesAsync(server, images);
    }

    [Fact]
    public async Task A_run_stopped_between_checkpoints_resumes_without_gaps_or_duplicates()
    {
        using var source = new TempDirectory();
        using var data = new TempDirectory();
        var images = PollinationsFixture.Standard(ordinary: 30);
        await PollinationsFixture.WriteDirectoryAsync(source.Path, images);
        var settings = new SemCacheSettings { Data = data.Path };
        var checkpoint = BackfillCheckpoint.PathFor(data.Path, source.Path, KeyFormat.Pollinations, null);

        await using (var harness = new BackfillHarness(settings))
        {
            // Stops in the middle of the fourth batch of five: the first two batches are surely indexed and checkpointed,
            // the third maybe (it is embedded while the fourth is read), the fourth is not.
            using var stop = new CancellationTokenSource();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => harness.RunAsync(
                source.Path, KeyFormat.Pollinations, wrap: s => new StoppingSource(s, 17, stop), batchSize: 5, cancellationToken: stop.Token));
            Assert.True(File.Exists(checkpoint));
            Assert.True((await harness.Index.CountByPartitionAsync()).Values.Sum() >= 8);

            var resumed = await harness.RunAsync(source.Path, KeyFormat.Pollinations, batchSize: 5);
            Assert.True(resumed.Completed);
            Assert.Empty(resumed.Failed);
            // Only what follows the checkpoint is listed again.
            Assert.Contains(resumed.Processed, new long[] { images.Count - 10, images.Count - 15 });
            Assert.False(File.Exists(checkpoint));

            var entries = await harness.EntriesAsync();
            Assert.Equal(images.Count - 1, entries.Count);
            Assert.Equal(entries.Count, entries.Select(e => e.Key).Distinct().Count());
            Assert.Equal(images.Count - 2, (await harness.Index.CountByPartitionAsync()).Values.Sum());
            foreach (var entry in entries.Where(e => !e.Prompt.StartsWith('東')))
            {
                Assert.True(await harness.Index.ContainsAsync(entry.Key), entry.Prompt);
            }
        }
    }

    [Fact]
    public async Task A_manifest_names_objects_with_their_prompts()
    {
        using var source = new TempDirectory();
        using var data = new TempDirectory();
        var bytes = FixtureImage.PngLike("manifest");
        await File.WriteAllBytesAsync(Path.Combine(source.Path, "img-1.png"), bytes);
        await File.WriteAllBytesAsync(Path.Combine(source.Path, "img-2.png"), FixtureImage.PngLike("manifest-2"));
        var csv = Path.Combine(data.Path, "manifest.csv");
        await File.WriteAllLinesAsync(csv,
        [
            "key,prompt,parameters",
            "img-1.png,\"a quiet harbour, boats at dawn\",width=512&height=512&seed=3",
            "img-2.png,a windmill in a tulip field,model=flux",
            "missing.png,a castle in the clouds,",
        ]);
        var settings = new SemCacheSettings { Data = data.Path };

        var summary = await BackfillHarness.RunOnceAsync(settings, source.Path, KeyFormat.Manifest, csv);
        Assert.Equal(2, summary.Indexed);
        Assert.Equal(new Dictionary<string, long> { ["missing-object"] = 1 }, summary.Failed);

        await using var server = await CacheServer.StartAsync(data.Path);
        using var hit = await server.GetAsync("/prompt/A%20quiet%20harbour%2C%20boats%20at%20dawn.?width=512&height=512&seed=3");
        Assert.Equal("HIT", hit.Headers.GetValues("X-Cache").First());
        Assert.Equal(bytes, await hit.Content.ReadAsByteArrayAsync());
    }

    /// <summary>Cancels the run when the listing reaches a given item (before that item is processed).</summary>
    private sealed class StoppingSource(IBackfillSource inner, int stopAt, CancellationTokenSource stop) : IBackfillSource
    {
        public string Description => inner.Description;

        public async IAsyncEnumerable<BackfillItem> ListAsync(string? after, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
        {
            var n = 0;
            await foreach (var item in inner.ListAsync(after, cancellationToken))
            {
                if (++n == stopAt)
                {
                    await stop.CancelAsync();
                }

                yield return item;
            }
        }

        public Task<SourceObject?> ReadAsync(BackfillItem item, CancellationToken cancellationToken) => inner.ReadAsync(item, cancellationToken);

        public void Dispose() => inner.Dispose();
    }
}
