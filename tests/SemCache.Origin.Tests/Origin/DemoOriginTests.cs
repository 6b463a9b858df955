using SemCache.Origin;
using SkiaSharp;

namespace SemCache.Tests.Origin;

public sealed class DemoOriginTests
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    private readonly DemoOrigin _origin = new();

    [Fact]
    public async Task SameRequest_GivesIdenticalBytes()
    {
        var first = await _origin.GenerateAsync(Requests.Parse("/prompt/a%20red%20fox%20in%20the%20snow?width=640&height=480&seed=7"));
        var second = await new DemoOrigin().GenerateAsync(Requests.Parse("/prompt/a%20red%20fox%20in%20the%20snow?width=640&height=480&seed=7"));

        Assert.True(first.IsSuccess);
        Assert.Equal(first.Body, second.Body);
    }

    [Fact]
    public async Task PromptsThatCanonicalizeAlike_GiveIdenticalBytes()
    {
        var first = await _origin.GenerateAsync(Requests.Parse("/prompt/a%20red%20fox"));
        var second = await _origin.GenerateAsync(Requests.Parse("/prompt/%20a%20%20red%20fox%20"));

        Assert.Equal(first.Body, second.Body);
    }

    [Theory]
    [InlineData("/prompt/a%20red%20fox%20in%20the%20snow?width=640&height=480&seed=8")]
    [InlineData("/prompt/a%20red%20fox%20in%20the%20rain?width=640&height=480&seed=7")]
    [InlineData("/prompt/a%20red%20fox%20in%20the%20snow?width=641&height=480&seed=7")]
    [InlineData("/prompt/a%20red%20fox%20in%20the%20snow?width=640&height=480&seed=7&model=turbo")]
    [InlineData("/prompt/a%20red%20fox%20in%20the%20snow?width=640&height=480&seed=7&negative_prompt=blurry")]
    [InlineData("/prompt/a%20red%20fox%20in%20the%20snow?width=640&height=480&seed=7&enhance=true")]
    public async Task DifferentPromptOrParameters_GiveDifferentBytes(string target)
    {
        var baseline = await _origin.GenerateAsync(Requests.Parse("/prompt/a%20red%20fox%20in%20the%20snow?width=640&height=480&seed=7"));
        var other = await _origin.GenerateAsync(Requests.Parse(target));

        Assert.NotEqual(baseline.Body, other.Body);
    }

    [Theory]
    [InlineData(1024, 512, 512, 256)]
    [InlineData(512, 1024, 256, 512)]
    [InlineData(1024, 1024, 512, 512)]
    [InlineData(300, 200, 300, 200)]
    [InlineData(1920, 1080, 512, 288)]
    public async Task Body_IsPngOfRequestedAspectRatio_CappedAtMaxSide(int width, int height, int expectedWidth, int expectedHeight)
    {
        var response = await _origin.GenerateAsync(Requests.Parse($"/prompt/a%20lighthouse?width={width}&height={height}"));

        Assert.Equal(200, response.StatusCode);
        Assert.Equal("image/png", response.ContentType);
        Assert.Equal(PngSignature, response.Body[..8]);
        using var bitmap = SKBitmap.Decode(response.Body);
        Assert.NotNull(bitmap);
        Assert.Equal(expectedWidth, bitmap.Width);
        Assert.Equal(expectedHeight, bitmap.Height);
    }

    [Fact]
    public async Task Picture_HasTextDrawnOnIt()
    {
        // With no usable font the picture would be background only; drawn glyphs add near-white pixels.
        var response = await _origin.GenerateAsync(Requests.Parse("/prompt/WWWW%20MMMM%20WWWW?width=256&height=256"));
        using var bitmap = SKBitmap.Decode(response.Body);

        var bright = 0;
        for (var y = 0; y < bitmap.Height; y++)
        {
            for (var x = 0; x < bitmap.Width; x++)
            {
                var c = bitmap.GetPixel(x, y);
                if (c.Red > 230 && c.Green > 230 && c.Blue > 230)
                {
                    bright++;
                }
            }
        }

        Assert.True(bright > 200, $"only {bright} text pixels");
    }

    [Theory]
    [InlineData("/prompt/%E7%8C%AB%E3%81%A8%E7%8A%AC%20%F0%9F%90%B1%20%D0%BA%D0%BE%D1%82")]
    [InlineData("/prompt/supercalifragilisticexpialidocioussupercalifragilisticexpialidocious?width=16&height=16")]
    [InlineData("/prompt/x?width=4096&height=16")]
    public async Task UnusualPromptsAndSizes_StillRenderAPng(string target)
    {
        var response = await _origin.GenerateAsync(Requests.Parse(target));

        Assert.True(response.IsSuccess);
        Assert.NotNull(SKBitmap.Decode(response.Body));
    }

    [Fact]
    public async Task LongestPrompt_Renders()
    {
        var prompt = string.Join("%20", Enumerable.Repeat("castle", 285));
        var response = await _origin.GenerateAsync(Requests.Parse($"/prompt/{prompt}?negative_prompt=" + string.Join("%20", Enumerable.Repeat("fog", 200))));

        Assert.True(response.IsSuccess);
        Assert.NotNull(SKBitmap.Decode(response.Body));
    }

    [Fact]
    public async Task ConcurrentCalls_GiveIdenticalBytes()
    {
        var request = Requests.Parse("/prompt/many%20threads%20one%20picture?width=400&height=300");
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => _origin.GenerateAsync(request))));

        Assert.All(results, r => Assert.Equal(results[0].Body, r.Body));
    }

    [Fact]
    public async Task Delay_IsWaitedBeforeAnswering()
    {
        var origin = new DemoOrigin(new DemoOriginOptions { Delay = TimeSpan.FromMilliseconds(150) });

        var response = await origin.GenerateAsync(Requests.Parse("/prompt/patience"));

        Assert.True(response.Elapsed >= TimeSpan.FromMilliseconds(150), $"answered after {response.Elapsed}");
    }

    [Fact]
    public async Task Cancellation_DuringDelay_Throws()
    {
        var origin = new DemoOrigin(new DemoOriginOptions { Delay = TimeSpan.FromMinutes(5) });
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => origin.GenerateAsync(Requests.Parse("/prompt/never"), cts.Token));
    }

    [Fact]
    public void Description_NamesTheDelay()
    {
        var origin = new DemoOrigin(new DemoOriginOptions { Delay = TimeSpan.FromSeconds(1.5) });

        Assert.Equal("demo (built-in renderer, delay 1500 ms)", origin.Description);
    }

    [Fact]
    public void InvalidOptions_AreReportedByName()
    {
        var errors = new DemoOriginOptions { Delay = TimeSpan.FromSeconds(-1), MaxRenderSide = 2 }.Validate();

        Assert.Contains(errors, e => e.Contains(nameof(DemoOriginOptions.Delay), StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains(nameof(DemoOriginOptions.MaxRenderSide), StringComparison.Ordinal));
        Assert.Throws<ArgumentException>(() => new DemoOrigin(new DemoOriginOptions { MaxRenderSide = 2 }));
    }
}
