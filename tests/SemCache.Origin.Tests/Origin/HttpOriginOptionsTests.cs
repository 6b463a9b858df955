using SemCache.Origin;

namespace SemCache.Tests.Origin;

public sealed class HttpOriginOptionsTests
{
    private static readonly HttpOriginOptions Valid = new() { BaseUrl = new Uri("https://image.pollinations.ai") };

    [Fact]
    public void Defaults_AreValid()
    {
        Assert.Empty(Valid.Validate());
        Assert.Equal(TimeSpan.FromSeconds(5), Valid.ConnectTimeout);
        Assert.Equal(TimeSpan.FromSeconds(120), Valid.TotalTimeout);
        Assert.Equal(2, Valid.MaxRetries);
        Assert.Equal(20L * 1024 * 1024, Valid.MaxBodyBytes);
        Assert.Equal(0.5, Valid.BreakerFailureRatio);
        Assert.Equal(10, Valid.BreakerMinimumThroughput);
        Assert.Equal(TimeSpan.FromSeconds(30), Valid.BreakerSamplingDuration);
        Assert.Equal(TimeSpan.FromSeconds(15), Valid.BreakerBreakDuration);
    }

    [Fact]
    public void EveryInvalidSetting_IsReportedByName_AllAtOnce()
    {
        var options = Valid with
        {
            ConnectTimeout = TimeSpan.Zero,
            TotalTimeout = TimeSpan.FromMilliseconds(1),
            MaxRetries = -1,
            RetryBaseDelay = TimeSpan.FromSeconds(-1),
            MaxBodyBytes = 0,
            BreakerFailureRatio = 1.5,
            BreakerMinimumThroughput = 1,
            BreakerSamplingDuration = TimeSpan.FromMilliseconds(10),
            BreakerBreakDuration = TimeSpan.Zero,
        };

        var errors = options.Validate();

        foreach (var name in new[]
        {
            "ConnectTimeout", "TotalTimeout", "MaxRetries", "RetryBaseDelay", "MaxBodyBytes", "BreakerFailureRatio",
            "BreakerMinimumThroughput", "BreakerSamplingDuration", "BreakerBreakDuration",
        })
        {
            Assert.Contains(errors, e => e.StartsWith(name + " ", StringComparison.Ordinal));
        }

        Assert.Equal(9, errors.Count);
    }

    [Theory]
    [InlineData("ftp://example.com")]
    [InlineData("https://example.com/?token=abc")]
    [InlineData("https://user:pass@example.com")]
    [InlineData("https://example.com/#x")]
    public void BaseUrl_MustBeAPlainHttpUrl(string url)
    {
        var errors = (Valid with { BaseUrl = new Uri(url) }).Validate();

        Assert.Single(errors);
        Assert.StartsWith("BaseUrl ", errors[0], StringComparison.Ordinal);
    }

    [Fact]
    public void InvalidOptions_AreRefusedWhenBuildingAnOrigin()
    {
        var options = Valid with { MaxRetries = 99 };

        var ex = Assert.Throws<ArgumentException>(() => HttpImageOrigin.Create(options));
        Assert.Contains("MaxRetries", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BaseUrlWithAPath_IsKept()
    {
        await using var server = await FakeOriginServer.StartAsync((ctx, _) => Task.CompletedTask);
        using var origin = HttpImageOrigin.Create(OriginTestOptions.For(server) with { BaseUrl = new Uri(server.BaseUrl, "/v1/") });

        await origin.GenerateAsync(Requests.Parse("/prompt/a%20cat?seed=3"));

        Assert.Equal("/v1/prompt/a%20cat?seed=3", server.Targets.Single());
    }
}
