using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SemCache.Cli.Commands;
using SemCache.Core.Index;
using SemCache.Core.Storage;
using SemCache.Server.Hosting;
using SemCache.Server.Maintenance;
using SemCache.Tests.Resilience;

namespace SemCache.Tests;

/// <summary>
/// <c>semcache verify</c> finds a deleted image file, a dangling alias, a missing vector and a vector whose entry is gone,
/// and repairs them.
/// </summary>
public sealed class VerifyTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("semcache-verify-").FullName;

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

    [Fact]
    public async Task Verify_reports_inconsistencies_and_repair_fixes_them()
    {
        var data = Path.Combine(_dir, "data");
        var settings = new SemCacheSettings { Data = data };
        string lostBlob;
        await using (var services = OfflineCache.Build(settings))
        {
            var store = services.GetRequiredService<IImageStore>();
            var fox = await PutAsync(store, K("fox"), "a red fox in the snow");
            var ramen = await PutAsync(store, K("ramen"), "a bowl of ramen on a wooden table");
            await PutAsync(store, K("lighthouse"), "a lighthouse at night during a storm");
            await store.PutEntryAsync(fox with { Key = K("fox-alias"), AliasOf = K("fox"), Prompt = "a red fox in snow" });
            await store.PutEntryAsync(fox with { Key = K("dangling-alias"), AliasOf = K("gone"), Prompt = "a red fox in deep snow" });

            // The lighthouse is never indexed: the missing vector.
            await services.GetRequiredService<EntryIndexer>().IndexAsync([fox, ramen]);
            lostBlob = ramen.BlobSha256;
        }

        // The ramen image file disappears behind the cache's back.
        File.Delete(Directory.EnumerateFiles(data, lostBlob, SearchOption.AllDirectories).Single());

        var check = await CliRunner.RunAsync(_dir, null, "verify", "--data", data, "--json");
        Assert.True(check.ExitCode == 1, check.Stderr + check.Stdout);
        var found = JsonDocument.Parse(check.Stdout).RootElement;
        Assert.Equal(5, found.GetProperty("entries").GetInt32());
        Assert.Equal(1, found.GetProperty("missing_blobs").GetInt32());
        Assert.Equal(1, found.GetProperty("orphan_aliases").GetInt32());
        Assert.Equal(1, found.GetProperty("unindexed").GetInt32());
        Assert.False(found.GetProperty("consistent").GetBoolean());

        var repair = await CliRunner.RunAsync(_dir, null, "verify", "--repair", "--data", data, "--json");
        Assert.True(repair.ExitCode == 0, repair.Stderr + repair.Stdout);
        var repaired = JsonDocument.Parse(repair.Stdout).RootElement;
        Assert.Equal(2, repaired.GetProperty("removed").GetInt32());
        Assert.Equal(1, repaired.GetProperty("reindexed").GetInt32());

        var again = await CliRunner.RunAsync(_dir, null, "verify", "--data", data, "--json");
        Assert.True(again.ExitCode == 0, again.Stderr + again.Stdout);
        var clean = JsonDocument.Parse(again.Stdout).RootElement;
        Assert.Equal(3, clean.GetProperty("entries").GetInt32());
        Assert.Equal(0, clean.GetProperty("missing_blobs").GetInt32() + clean.GetProperty("orphan_aliases").GetInt32() + clean.GetProperty("unindexed").GetInt32());

        await using (var services = OfflineCache.Build(settings))
        {
            var store = services.GetRequiredService<IImageStore>();
            var index = services.GetRequiredService<IVectorIndex>();
            Assert.Null(await store.GetEntryAsync(K("ramen")));
            Assert.False(await index.ContainsAsync(K("ramen")));
            Assert.Null(await store.GetEntryAsync(K("dangling-alias")));
            Assert.NotNull(await store.GetEntryAsync(K("fox-alias")));
            Assert.True(await index.ContainsAsync(K("lighthouse")));
            Assert.True(await index.ContainsAsync(K("fox")));
        }
    }

    [Theory]
    [InlineData("embedded")]
    [InlineData("postgres")]
    public async Task Verify_finds_vectors_without_an_entry_and_repair_removes_them(string backend)
    {
        await using var index = new TestIndex(backend);
        var environment = index.Environment();
        var data = Path.Combine(_dir, "data");
        var keys = new List<string>();
        await using (var server = await ServeProcess.StartAsync(_dir, data, environment, "--demo-delay", "0"))
        {
            using var client = new HttpClient { BaseAddress = server.Url };
            foreach (var prompt in (string[])["a red fox in the snow", "a bowl of ramen on a wooden table", "a lighthouse at night during a storm"])
            {
                using var response = await client.GetAsync("/prompt/" + Uri.EscapeDataString(prompt));
                Assert.True(response.IsSuccessStatusCode, server.Output);
                keys.Add(response.Headers.GetValues("X-Cache-Key").Single());
            }

            Assert.Equal(0, await server.TerminateAsync());
        }

        // The ramen entry file disappears behind the cache's back; its vector stays and searches still find it.
        var orphan = keys[1];
        File.Delete(Directory.EnumerateFiles(data, orphan + ".json", SearchOption.AllDirectories).Single());
        const string paraphrase = "A bowl of ramen on a wooden table.";
        Assert.Contains(orphan, await CandidatesAsync(data, environment, paraphrase));

        var text = await CliRunner.RunAsync(_dir, environment, "verify", "--data", data);
        Assert.True(text.ExitCode == 1, text.Stderr + text.Stdout);
        Assert.Contains("2 entries, 3 vectors", text.Stdout, StringComparison.Ordinal);
        Assert.Contains("1 vectors without an entry; run with --repair to fix", text.Stdout, StringComparison.Ordinal);

        var check = await CliRunner.RunAsync(_dir, environment, "verify", "--data", data, "--json");
        Assert.True(check.ExitCode == 1, check.Stderr + check.Stdout);
        var found = JsonDocument.Parse(check.Stdout).RootElement;
        Assert.Equal(1, found.GetProperty("orphan_vectors").GetInt32());
        Assert.Equal(0, found.GetProperty("missing_blobs").GetInt32() + found.GetProperty("orphan_aliases").GetInt32() + found.GetProperty("unindexed").GetInt32());
        Assert.Equal(0, found.GetProperty("stale_embedder_vectors").GetInt32());
        Assert.False(found.GetProperty("consistent").GetBoolean());

        var repair = await CliRunner.RunAsync(_dir, environment, "verify", "--repair", "--data", data, "--json");
        Assert.True(repair.ExitCode == 0, repair.Stderr + repair.Stdout);
        var repaired = JsonDocument.Parse(repair.Stdout).RootElement;
        Assert.Equal(1, repaired.GetProperty("removed_vectors").GetInt32());
        Assert.Equal(0, repaired.GetProperty("removed").GetInt32());

        Assert.DoesNotContain(orphan, await CandidatesAsync(data, environment, paraphrase));
        var again = await CliRunner.RunAsync(_dir, environment, "verify", "--data", data, "--json");
        Assert.True(again.ExitCode == 0, again.Stderr + again.Stdout);
        var clean = JsonDocument.Parse(again.Stdout).RootElement;
        Assert.Equal(2, clean.GetProperty("vectors").GetInt32());
        Assert.Equal(0, clean.GetProperty("orphan_vectors").GetInt32());
        Assert.True(clean.GetProperty("consistent").GetBoolean());
    }

    /// <summary>The keys <c>semcache lookup</c> gets back from the index for the prompt.</summary>
    private async Task<List<string?>> CandidatesAsync(string data, Dictionary<string, string> environment, string prompt)
    {
        var (code, stdout, stderr) = await CliRunner.RunAsync(_dir, environment, "lookup", prompt, "--data", data, "--json");
        Assert.True(code == 0, stderr);
        return JsonDocument.Parse(stdout).RootElement.GetProperty("candidates").EnumerateArray().Select(c => c.GetProperty("key").GetString()).ToList();
    }

    /// <summary>Keys are SHA-256 digests, as the cache makes them.</summary>
    private static string K(string name) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(name)));

    private static async Task<CacheEntry> PutAsync(IImageStore store, string key, string prompt)
    {
        var bytes = Encoding.UTF8.GetBytes("image of " + prompt);
        var sha = await store.PutBlobAsync(bytes, "image/png");
        var entry = new CacheEntry
        {
            Key = key,
            BlobSha256 = sha,
            ContentType = "image/png",
            Size = bytes.Length,
            Prompt = prompt,
            Partition = "test-partition",
            Parameters = new Dictionary<string, string> { ["model"] = "flux" },
            Created = DateTimeOffset.UtcNow,
        };
        await store.PutEntryAsync(entry);
        return entry;
    }
}
