using System.Net;
using System.Text.Json;
using SemCache.Tests.Infrastructure;

namespace SemCache.Tests;

/// <summary>
/// Issue 13, the upstream service's own multilingual test, through the HTTP API: with "tiny orange cat" cached, its
/// Spanish, French and German translations are semantic hits and a small blue dog in those languages is not (its
/// translations share their own image instead).
/// </summary>
public sealed class TranslationBridgeTests : IDisposable
{
    private readonly TempDirectory _data = new();

    public void Dispose() => _data.Dispose();

    private static string H(HttpResponseMessage r, string name) =>
        r.Headers.TryGetValues(name, out var v) ? string.Join(",", v) : string.Empty;

    private static string Path(string prompt) => "/prompt/" + Uri.EscapeDataString(prompt);

    /// <summary>Caches the prompt's image (a miss) and returns its bytes, once indexed.</summary>
    private static async Task<byte[]> CacheAsync(CacheServer server, string prompt)
    {
        var first = await server.GetAsync(Path(prompt));
        Assert.Equal("MISS", H(first, "X-Cache"));
        var key = H(first, "X-Cache-Key");
        Assert.True(await server.WaitUntilIndexedAsync(key, TimeSpan.FromSeconds(10)), "the entry was never indexed");
        return await first.Content.ReadAsByteArrayAsync();
    }

    [Fact]
    public async Task Translations_of_a_cached_prompt_hit_and_a_different_animal_misses()
    {
        await using var server = await CacheServer.StartAsync(_data.Path);
        var image = await CacheAsync(server, "tiny orange cat");

        foreach (var translation in new[] { "gato naranja pequeño", "petit chat orange", "kleine orange Katze" })
        {
            var response = await server.GetAsync(Path(translation));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.True(H(response, "X-Cache") == "HIT", $"{translation}: {H(response, "X-Cache")} ({H(response, "X-Semantic-Reason")})");
            Assert.Equal("SEMANTIC", H(response, "X-Cache-Type"));
            Assert.Equal(image, await response.Content.ReadAsByteArrayAsync());
        }

        // The small blue dog is not the cat: the first one misses; its other translations then share the dog.
        var dog = await server.GetAsync(Path("perro azul pequeño"));
        Assert.Equal("MISS", H(dog, "X-Cache"));
        var dogImage = await dog.Content.ReadAsByteArrayAsync();
        Assert.True(await server.WaitUntilIndexedAsync(H(dog, "X-Cache-Key"), TimeSpan.FromSeconds(10)));
        foreach (var other in new[] { "petit chien bleu", "kleiner blauer Hund" })
        {
            var response = await server.GetAsync(Path(other));
            var bytes = await response.Content.ReadAsByteArrayAsync();
            Assert.NotEqual(image, bytes);
            Assert.True(H(response, "X-Cache") == "HIT", $"{other}: {H(response, "X-Cache")} ({H(response, "X-Semantic-Reason")})");
            Assert.Equal(dogImage, bytes);
        }

        Assert.Equal(2, server.Origin.Calls);
    }

    [Theory]
    [InlineData(1, "HIT")]
    [InlineData(0, "MISS")]
    public async Task An_ambiguous_word_is_read_as_the_cached_prompt_reads_it(int glossChoiceCandidates, string expected)
    {
        // "rosas" is first glossed as the colour (pink): the search's similarity is low until the lookup embeds the
        // query again with the gloss "white roses" uses.
        await using var server = await CacheServer.StartAsync(_data.Path, configure: s => s with { Semantic = s.Semantic with { GlossChoiceCandidates = glossChoiceCandidates } });
        var image = await CacheAsync(server, "white roses");

        var response = await server.GetAsync(Path("las rosas blancas"));
        Assert.True(H(response, "X-Cache") == expected, $"{H(response, "X-Cache")} ({H(response, "X-Semantic-Reason")})");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(expected == "HIT", image.AsSpan().SequenceEqual(bytes));
        Assert.Contains("embed;", H(response, "Server-Timing"), StringComparison.Ordinal);

        // /explain shows both similarities of a re-scored candidate.
        using var doc = JsonDocument.Parse(await server.Client.GetStringAsync("/explain/" + Uri.EscapeDataString("las rosas blancas")));
        var candidate = doc.RootElement.GetProperty("candidates")[0];
        var searched = candidate.GetProperty("searched_similarity");
        if (glossChoiceCandidates > 0)
        {
            Assert.True(candidate.GetProperty("similarity").GetSingle() > searched.GetSingle() + 0.2f, candidate.ToString());
        }
        else
        {
            Assert.Equal(JsonValueKind.Null, searched.ValueKind);
        }
    }

    [Fact]
    public async Task A_stored_spanish_prompt_is_found_by_its_english_translation()
    {
        await using var server = await CacheServer.StartAsync(_data.Path);
        var image = await CacheAsync(server, "gato naranja pequeño");

        var response = await server.GetAsync(Path("a small orange cat"));
        Assert.Equal("HIT", H(response, "X-Cache"));
        Assert.Equal(image, await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Explain_shows_the_detected_language_and_the_english_rendering()
    {
        await using var server = await CacheServer.StartAsync(_data.Path);
        using var doc = JsonDocument.Parse(await server.Client.GetStringAsync("/explain/" + Uri.EscapeDataString("petit chat orange")));
        Assert.Equal("fr", doc.RootElement.GetProperty("language").GetString());
        Assert.Equal("small orange cat", doc.RootElement.GetProperty("english_rendering").GetString());
    }
}
