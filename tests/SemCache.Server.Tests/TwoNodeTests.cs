using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using SemCache.Core.Index;
using SemCache.Core.Storage;
using SemCache.Tests.Infrastructure;

namespace SemCache.Tests;

/// <summary>Two stateless nodes over one PostgreSQL and one bucket behave as one cache.</summary>
public sealed class TwoNodeTests : IDisposable
{
    private readonly TempDirectory _dataA = new();
    private readonly TempDirectory _dataB = new();
    private readonly SharedBackend _backend = new();

    public void Dispose()
    {
        _dataA.Dispose();
        _dataB.Dispose();
    }

    private static string H(HttpResponseMessage r, string name) => r.Headers.TryGetValues(name, out var v) ? string.Join(",", v) : string.Empty;

    [Fact]
    public async Task A_prompt_generated_on_node_A_is_an_exact_hit_on_B_and_its_paraphrase_a_semantic_hit_on_B()
    {
        await using var a = await CacheServer.StartAsync(_dataA.Path, configure: _backend.Apply);
        await using var b = await CacheServer.StartAsync(_dataB.Path, configure: _backend.Apply);
        await b.GetAsync("/prompt/warm%20up"); // first embedding on B loads ONNX kernels

        var miss = await a.GetAsync("/prompt/a%20red%20fox%20in%20the%20snow");
        var answered = Stopwatch.StartNew();
        Assert.Equal("MISS", H(miss, "X-Cache"));

        // Searchable on B within a second of A's answer (indexing runs in A's background).
        Assert.True(await b.WaitUntilIndexedAsync(H(miss, "X-Cache-Key"), TimeSpan.FromSeconds(1)));
        var semantic = await b.GetAsync("/prompt/A%20red%20fox%20in%20the%20snow.");
        Assert.Equal("SEMANTIC", H(semantic, "X-Cache-Type"));
        Assert.True(answered.Elapsed < TimeSpan.FromSeconds(5), "B served the paraphrase long after A's answer");

        var exact = await b.GetAsync("/prompt/a%20red%20fox%20in%20the%20snow");
        Assert.Equal("EXACT", H(exact, "X-Cache-Type"));
        Assert.Equal(await miss.Content.ReadAsByteArrayAsync(), await exact.Content.ReadAsByteArrayAsync());
        Assert.Equal(1, a.Origin.Calls);
        Assert.Equal(1, b.Origin.Calls); // only the warm-up
    }

    [Fact]
    public async Task Concurrent_misses_for_different_prompts_on_both_nodes_lose_no_entry()
    {
        await using var a = await CacheServer.StartAsync(_dataA.Path, configure: _backend.Apply);
        await using var b = await CacheServer.StartAsync(_dataB.Path, configure: _backend.Apply);
        var prompts = Enumerable.Range(0, 40).Select(i => $"/prompt/lighthouse%20number%20{i}%20painted%20in%20oil").ToList();
        var responses = await Task.WhenAll(prompts.Select((p, i) => (i % 2 == 0 ? a : b).GetAsync(p)));
        Assert.All(responses, r => Assert.Equal("MISS", H(r, "X-Cache")));
        var keys = responses.Select(r => H(r, "X-Cache-Key")).ToHashSet();
        Assert.Equal(40, keys.Count);

        foreach (var key in keys)
        {
            Assert.True(await a.WaitUntilIndexedAsync(key, TimeSpan.FromSeconds(20)), $"{key} was never indexed");
        }

        var store = a.Services.GetRequiredService<IImageStore>();
        var stored = new HashSet<string>();
        await foreach (var entry in store.ListEntriesAsync())
        {
            stored.Add(entry.Key);
        }

        Assert.Superset(keys, stored);
        var counts = await a.Services.GetRequiredService<IVectorIndex>().CountByPartitionAsync();
        Assert.Equal(40, counts.Values.Sum());
    }
}
