using Microsoft.Extensions.DependencyInjection;
using SemCache.Core.Origin;
using SemCache.Origin;

namespace SemCache.Tests.Origin;

public sealed class OriginRegistrationTests
{
    [Fact]
    public async Task AddHttpImageOrigin_RegistersOneWorkingOrigin()
    {
        await using var server = await FakeOriginServer.StartAsync(async (ctx, _) =>
        {
            ctx.Response.ContentType = "image/png";
            await ctx.Response.Body.WriteAsync(new byte[] { 9, 9, 9 });
        });
        var services = new ServiceCollection().AddLogging().AddHttpImageOrigin(OriginTestOptions.For(server));
        await using var provider = services.BuildServiceProvider();

        var origin = provider.GetRequiredService<IImageOrigin>();
        var response = await origin.GenerateAsync(Requests.Parse("/prompt/a%20cat?token=t"));

        Assert.Same(origin, provider.GetRequiredService<IImageOrigin>());
        Assert.IsType<HttpImageOrigin>(origin);
        Assert.True(response.IsSuccess);
        Assert.Equal(new byte[] { 9, 9, 9 }, response.Body);
        Assert.Equal("/prompt/a%20cat?token=t", server.Targets.Single());
    }

    [Fact]
    public void AddHttpImageOrigin_RefusesInvalidOptions()
    {
        var options = new HttpOriginOptions { BaseUrl = new Uri("https://example.com"), BreakerFailureRatio = 0 };

        Assert.Throws<ArgumentException>(() => new ServiceCollection().AddHttpImageOrigin(options));
    }

    [Fact]
    public async Task AddDemoImageOrigin_RegistersTheDemo()
    {
        await using var provider = new ServiceCollection().AddDemoImageOrigin().BuildServiceProvider();

        var origin = provider.GetRequiredService<IImageOrigin>();
        var response = await origin.GenerateAsync(Requests.Parse("/prompt/a%20cat"));

        Assert.IsType<DemoOrigin>(origin);
        Assert.True(response.IsSuccess);
    }
}
