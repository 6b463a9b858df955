using System.Text.Json;
using SemCache.Tests.Embedding;
using SemCache.Tests.Resilience;

namespace SemCache.Tests;

/// <summary>
/// Changing the embedder and running <c>semcache reindex</c>, through the real CLI. The second embedder is real: the
/// shipped MiniLM graph loaded from a folder with CLS pooling, which gives other vectors and another embedder id.
/// </summary>
public sealed class ReindexTests(MiniLmFiles model) : IClassFixture<MiniLmFiles>, IDisposable
{
    private const string Fox = "a red fox in the snow";
    private const string FoxParaphrase = "A red fox in the snow.";

    private static readonly string[] Readable = [Fox, "a bowl of ramen on a wooden table", "a lighthouse at night during a storm"];

    /// <summary>Stored for the exact tier only: MiniLM's English vocabulary cannot read it, with either pooling.</summary>
    private const string Unreadable = "一只在雪地里的红狐狸";

    private readonly string _dir = Directory.CreateTempSubdirectory("semcache-reindex-").FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Theory]
    [InlineData("embedded")]
    [InlineData("postgres")]
    public async Task After_an_embedder_change_reindex_brings_semantic_hits_back(string backend)
    {
        await using var index = new TestIndex(backend);
        var data = Path.Combine(_dir, "data");
        var defaults = index.Environment();
        var cls = index.Environment(new Dictionary<string, string>
        {
            ["SEMCACHE__EMBEDDER__KIND"] = "onnx",
            ["SEMCACHE__EMBEDDER__MODELDIRECTORY"] = model.Directory,
            ["SEMCACHE__EMBEDDER__POOLING"] = "cls",
        });

        // Populated by the server with the default embedder; SIGTERM drains the write and index queues.
        string foxKey;
        await using (var server = await ServeProcess.StartAsync(_dir, data, defaults, "--demo-delay", "0"))
        {
            using var client = new HttpClient { BaseAddress = server.Url };
            var keys = new List<string>();
            foreach (var prompt in Readable.Append(Unreadable))
            {
                using var response = await client.GetAsync("/prompt/" + Uri.EscapeDataString(prompt));
                Assert.True(response.IsSuccessStatusCode, server.Output);
                keys.Add(response.Headers.GetValues("X-Cache-Key").Single());
            }

            foxKey = keys[0];
            Assert.Equal(0, await server.TerminateAsync());
        }

        var before = await LookupAsync(data, defaults, FoxParaphrase);
        Assert.Equal("semantic-hit", Decision(before));
        var defaultId = before.GetProperty("embedder_id").GetString()!;
        var defaultSimilarity = TopCandidate(before, foxKey);

        // (1) The new embedder has no vectors yet, and the default embedder's are not mixed in.
        var missed = await LookupAsync(data, cls, FoxParaphrase);
        var clsId = missed.GetProperty("embedder_id").GetString()!;
        Assert.StartsWith("onnx:", clsId, StringComparison.Ordinal);
        Assert.Equal("miss", Decision(missed));
        Assert.Equal("no-candidates", missed.GetProperty("reason").GetString());
        Assert.Empty(missed.GetProperty("candidates").EnumerateArray());
        Assert.Equal("exact-hit", Decision(await LookupAsync(data, cls, Fox)));

        // verify calls the old vectors stale, as information: the cache is still consistent.
        var stale = await VerifyAsync(data, cls);
        Assert.Equal(Readable.Length, stale.GetProperty("stale_embedder_vectors").GetInt32());
        Assert.Equal(clsId, stale.GetProperty("embedder").GetString());
        Assert.True(stale.GetProperty("consistent").GetBoolean());

        // (2) reindex embeds every readable entry with the new embedder.
        var reindexed = await ReindexAsync(data, cls);
        Assert.Equal(Readable.Length, reindexed.GetProperty("indexed").GetInt32());
        Assert.Equal(0, reindexed.GetProperty("already_current").GetInt32());
        Assert.Equal(1, reindexed.GetProperty("skipped_unreadable").GetInt32());
        Assert.Equal(clsId, reindexed.GetProperty("embedder").GetString());

        // (3) The paraphrase hits again, scored by the new vectors (CLS pooling gives another similarity).
        var hit = await LookupAsync(data, cls, FoxParaphrase);
        Assert.Equal("semantic-hit", Decision(hit));
        Assert.Equal(clsId, hit.GetProperty("embedder_id").GetString());
        var clsSimilarity = TopCandidate(hit, foxKey);
        Assert.True(Math.Abs(clsSimilarity - defaultSimilarity) > 1e-4, $"similarity {clsSimilarity} equals the default embedder's");
        Assert.Equal(0, (await VerifyAsync(data, cls)).GetProperty("stale_embedder_vectors").GetInt32());

        // (4) A second run finds every entry done and embeds nothing; --all embeds everything again, to the same vectors.
        var again = await ReindexAsync(data, cls);
        Assert.Equal(0, again.GetProperty("indexed").GetInt32());
        Assert.Equal(Readable.Length, again.GetProperty("already_current").GetInt32());
        Assert.Equal(Readable.Length, (await ReindexAsync(data, cls, "--all")).GetProperty("indexed").GetInt32());
        Assert.Equal(clsSimilarity, TopCandidate(await LookupAsync(data, cls, FoxParaphrase), foxKey), 5);

        // (5) An entry has one vector: reindex replaced the default embedder's, so switching back starts cold
        // (verify says so) until reindex runs again with the default embedder.
        var back = await LookupAsync(data, defaults, FoxParaphrase);
        Assert.Equal("miss", Decision(back));
        Assert.Equal("no-candidates", back.GetProperty("reason").GetString());
        Assert.Equal(Readable.Length, (await VerifyAsync(data, defaults)).GetProperty("stale_embedder_vectors").GetInt32());
        Assert.Equal(Readable.Length, (await ReindexAsync(data, defaults)).GetProperty("indexed").GetInt32());
        var restored = await LookupAsync(data, defaults, FoxParaphrase);
        Assert.Equal("semantic-hit", Decision(restored));
        Assert.Equal(defaultId, restored.GetProperty("embedder_id").GetString());
        Assert.Equal(defaultSimilarity, TopCandidate(restored, foxKey), 4);
    }

    private static string? Decision(JsonElement lookup) => lookup.GetProperty("decision").GetString();

    /// <summary>The best candidate's similarity, after checking that it is the expected entry.</summary>
    private static float TopCandidate(JsonElement lookup, string key)
    {
        var best = lookup.GetProperty("candidates")[0];
        Assert.Equal(key, best.GetProperty("key").GetString());
        return best.GetProperty("similarity").GetSingle();
    }

    private async Task<JsonElement> LookupAsync(string data, Dictionary<string, string> environment, string prompt) =>
        await RunJsonAsync(environment, 0, "lookup", prompt, "--data", data, "--json");

    private async Task<JsonElement> ReindexAsync(string data, Dictionary<string, string> environment, params string[] extra) =>
        await RunJsonAsync(environment, 0, ["reindex", "--data", data, "--json", .. extra]);

    private async Task<JsonElement> VerifyAsync(string data, Dictionary<string, string> environment) =>
        await RunJsonAsync(environment, 0, "verify", "--data", data, "--json");

    private async Task<JsonElement> RunJsonAsync(Dictionary<string, string> environment, int exitCode, params string[] args)
    {
        var (code, stdout, stderr) = await CliRunner.RunAsync(_dir, environment, args);
        Assert.True(code == exitCode, $"{string.Join(' ', args)} exited {code}: {stderr}{stdout}");
        return JsonDocument.Parse(stdout).RootElement.Clone();
    }
}
