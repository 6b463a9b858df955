using System.ClientModel;
using OpenAI;
using OpenAI.Images;
using SemCache.Tests.Infrastructure;

namespace SemCache.Tests.OpenAi;

/// <summary>The official OpenAI .NET client against a running semcache: POST /v1/images/generations.</summary>
public sealed class OpenAiClientTests : IDisposable
{
    private readonly TempDirectory _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task B64_answer_is_the_same_request_as_the_prompt_route_and_a_repeat_is_an_exact_hit()
    {
        await using var server = await CacheServer.StartAsync(_data.Path);
        var client = Client(server, "flux");
        var options = new ImageGenerationOptions { ResponseFormat = GeneratedImageFormat.Bytes, Size = new GeneratedImageSize(512, 384) };

        var first = await client.GenerateImageAsync("a lighthouse at dusk", options);
        var bytes = first.Value.ImageBytes.ToArray();
        Assert.NotEmpty(bytes);
        Assert.Equal("MISS", Header(first, "X-Cache"));
        Assert.Equal(1, server.Origin.Calls);
        var sent = server.Origin.Requests.Single();
        Assert.Contains(new KeyValuePair<string, string>("model", "flux"), sent.PixelParameters);
        Assert.Contains(new KeyValuePair<string, string>("width", "512"), sent.PixelParameters);
        Assert.Contains(new KeyValuePair<string, string>("height", "384"), sent.PixelParameters);

        var second = await client.GenerateImageAsync("a lighthouse at dusk", options);
        Assert.Equal("HIT", Header(second, "X-Cache"));
        Assert.Equal("EXACT", Header(second, "X-Cache-Type"));
        Assert.Equal(bytes, second.Value.ImageBytes.ToArray());

        // Same key as the Pollinations-style route with the same parameters: one cache for both.
        var viaGet = await server.GetAsync("/prompt/a%20lighthouse%20at%20dusk?model=flux&width=512&height=384");
        Assert.Equal("EXACT", viaGet.Headers.GetValues("X-Cache-Type").Single());
        Assert.Equal(bytes, await viaGet.Content.ReadAsByteArrayAsync());
        Assert.Equal(1, server.Origin.Calls);
    }

    [Fact]
    public async Task Url_answer_points_at_the_immutable_image_route()
    {
        await using var server = await CacheServer.StartAsync(_data.Path);
        var client = Client(server, "flux");
        var options = new ImageGenerationOptions { ResponseFormat = GeneratedImageFormat.Uri };

        var first = await client.GenerateImageAsync("a paper boat on a pond", options);
        var uri = first.Value.ImageUri;
        Assert.NotNull(uri);
        Assert.Equal(server.Client.BaseAddress!.Authority, uri.Authority);
        Assert.Matches("^/images/[0-9a-f]{64}$", uri.AbsolutePath);

        // Fetched at once, before the background writer may have run: the url must already work.
        var image = await server.Client.GetAsync(uri);
        image.EnsureSuccessStatusCode();
        Assert.Equal("image/png", image.Content.Headers.ContentType?.MediaType);
        Assert.Contains("immutable", image.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        Assert.Equal("\"" + uri.AbsolutePath[8..] + "\"", image.Headers.ETag!.Tag);

        var second = await client.GenerateImageAsync("a paper boat on a pond", options);
        Assert.Equal(uri, second.Value.ImageUri);
        Assert.Equal("EXACT", Header(second, "X-Cache-Type"));
        Assert.Equal(1, server.Origin.Calls);
    }

    [Fact]
    public async Task A_surface_variant_is_a_semantic_hit()
    {
        await using var server = await CacheServer.StartAsync(_data.Path);
        var client = Client(server, "flux");
        var options = new ImageGenerationOptions { ResponseFormat = GeneratedImageFormat.Bytes };
        var first = await client.GenerateImageAsync("a red fox in the snow", options);
        Assert.True(await server.WaitUntilIndexedAsync(Header(first, "X-Cache-Key")!, TimeSpan.FromSeconds(10)));

        var variant = await client.GenerateImageAsync("A red fox in the snow.", options);
        Assert.Equal("SEMANTIC", Header(variant, "X-Cache-Type"));
        Assert.Equal(first.Value.ImageBytes.ToArray(), variant.Value.ImageBytes.ToArray());
        Assert.Equal(1, server.Origin.Calls);
    }

    [Fact]
    public async Task More_than_one_image_is_refused_with_a_400_the_client_understands()
    {
        await using var server = await CacheServer.StartAsync(_data.Path);
        var client = Client(server, "flux");
        var ex = await Assert.ThrowsAsync<ClientResultException>(() => client.GenerateImagesAsync("two cats", 2));
        Assert.Equal(400, ex.Status);
        Assert.Contains("'n' must be 1", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, server.Origin.Calls);
    }

    private static ImageClient Client(CacheServer server, string model) =>
        new(model, new ApiKeyCredential("not-checked-by-semcache"), new OpenAIClientOptions { Endpoint = new Uri(server.Client.BaseAddress!, "/v1") });

    private static string? Header<T>(ClientResult<T> result, string name) =>
        result.GetRawResponse().Headers.TryGetValue(name, out var value) ? value : null;
}
