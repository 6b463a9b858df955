using SemCache.Backfill;
using SemCache.Tests.Infrastructure;

namespace SemCache.Tests.Backfill;

/// <summary>Checks shared by the directory and S3 backfill tests.</summary>
public static class BackfillAssert
{
    /// <summary>First run over <see cref="PollinationsFixture.Standard"/>: what is indexed, stored, skipped.</summary>
    public static void FirstRun(IReadOnlyList<FixtureImage> images, BackfillSummary summary)
    {
        Assert.True(summary.Completed);
        Assert.Empty(summary.Failed);
        Assert.Equal(images.Count, summary.Processed);
        // Every image but the truncated key without originalUrl and the prompt MiniLM cannot read.
        var truncated = images.Count - PollinationsFixture.Recoverable(images).Count();
        Assert.Equal(images.Count - truncated - 1, summary.Indexed);
        Assert.Equal(0, summary.AlreadyPresent);
        Assert.Equal(Reasons(truncated, unreadable: 1), summary.Skipped);
    }

    public static void SecondRun(IReadOnlyList<FixtureImage> images, BackfillSummary summary)
    {
        Assert.True(summary.Completed);
        Assert.Equal(0, summary.Indexed);
        var truncated = images.Count - PollinationsFixture.Recoverable(images).Count();
        Assert.Equal(images.Count - truncated, summary.AlreadyPresent);
        Assert.Equal(Reasons(truncated, unreadable: 0), summary.Skipped);
    }

    private static Dictionary<string, long> Reasons(int truncated, int unreadable)
    {
        var reasons = new Dictionary<string, long>();
        if (truncated > 0)
        {
            reasons[PollinationsKey.Truncated] = truncated;
        }

        if (unreadable > 0)
        {
            reasons[BackfillRunner.Unreadable] = unreadable;
        }

        return reasons;
    }

    /// <summary>A server on the backfilled data: exact hits for the requests, semantic hits for surface variants.</summary>
    public static async Task ServesAsync(CacheServer server, IReadOnlyList<FixtureImage> images)
    {
        foreach (var image in PollinationsFixture.Recoverable(images))
        {
            using var response = await server.GetAsync(image.SemCachePath);
            Assert.Equal("HIT", Header(response, "X-Cache"));
            Assert.Equal("EXACT", Header(response, "X-Cache-Type"));
            Assert.Equal(image.Bytes, await response.Content.ReadAsByteArrayAsync());
        }

        var readable = PollinationsFixture.Recoverable(images).Where(i => !i.Prompt.StartsWith('東')).ToList();
        foreach (var (image, variant) in new[]
        {
            (readable[1], readable[1].Prompt + "."),
            (readable[2], char.ToUpperInvariant(readable[2].Prompt[0]) + readable[2].Prompt[1..]),
            (readable.Single(i => i.Prompt.Contains("my_cat", StringComparison.Ordinal)), "A portrait of my_cat wearing a tiny hat."),
        })
        {
            using var response = await server.GetAsync(image.ParaphrasePath(variant));
            Assert.Equal("HIT", Header(response, "X-Cache"));
            Assert.Equal("SEMANTIC", Header(response, "X-Cache-Type"));
            Assert.Equal(image.Bytes, await response.Content.ReadAsByteArrayAsync());
        }

        Assert.Equal(0, server.Origin.Calls);
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.First() : null;
}
