using System.Net;
using System.Text.Json;
using SemCache.Tests.Infrastructure;

namespace SemCache.Tests;

/// <summary>
/// The upstream service's own examples of what a semantic image cache must and must not serve, through real HTTP
/// against a real server with the shipped model and word knowledge: with "tiny orange cat" cached, paraphrases in
/// other words are semantic hits and changed pictures are misses.
/// </summary>
public sealed class WordKnowledgeHttpTests : IDisposable
{
    private readonly TempDirectory _data = new();

    public void Dispose() => _data.Dispose();

    private static string H(HttpResponseMessage r, string name) =>
        r.Headers.TryGetValues(name, out var v) ? string.Join(",", v) : string.Empty;

    [Fact]
    public async Task Tiny_orange_cat_is_served_for_its_paraphrases_and_not_for_other_pictures()
    {
        await using var server = await CacheServer.StartAsync(_data.Path);
        var stored = await server.GetAsync("/prompt/tiny%20orange%20cat");
        Assert.Equal("MISS", H(stored, "X-Cache"));
        Assert.True(await server.WaitUntilIndexedAsync(H(stored, "X-Cache-Key"), TimeSpan.FromSeconds(10)));

        string[] hits = ["small orange cat", "a little orange cat", "wee orange cat", "diminutive orange cat", "minuscule orange feline"];
        foreach (var prompt in hits)
        {
            var response = await server.GetAsync("/prompt/" + Uri.EscapeDataString(prompt));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.True(H(response, "X-Cache-Type") == "SEMANTIC", $"'{prompt}' was not a semantic hit: {H(response, "X-Cache")} {H(response, "X-Semantic-Reason")}");
        }

        Assert.Equal(1, server.Origin.Calls);

        string[] misses = ["orange fish", "tiny orange car", "tiny black cat", "two tiny orange cats", "tiny orange cat wearing a hat"];
        foreach (var prompt in misses)
        {
            var response = await server.GetAsync("/prompt/" + Uri.EscapeDataString(prompt));
            Assert.True(H(response, "X-Cache") == "MISS", $"'{prompt}' was served: {H(response, "X-Cache-Type")}");
        }

        Assert.Equal(1 + misses.Length, server.Origin.Calls);
    }

    [Fact]
    public async Task Explain_names_the_word_relation_that_allowed_the_hit()
    {
        await using var server = await CacheServer.StartAsync(_data.Path);
        var stored = await server.GetAsync("/prompt/tiny%20orange%20cat");
        Assert.True(await server.WaitUntilIndexedAsync(H(stored, "X-Cache-Key"), TimeSpan.FromSeconds(10)));

        using var explain = JsonDocument.Parse(await server.Client.GetStringAsync("/explain/small%20orange%20cat"));
        Assert.Equal("semantic-hit", explain.RootElement.GetProperty("decision").GetString());
        var links = explain.RootElement.GetProperty("candidates")[0].GetProperty("word_links").EnumerateArray().Select(l => l.GetString());
        Assert.Contains("small ~ tiny: similar-to", links);
    }
}
