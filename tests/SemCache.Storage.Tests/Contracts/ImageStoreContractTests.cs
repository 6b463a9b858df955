using System.Security.Cryptography;
using SemCache.Core.Storage;

namespace SemCache.Tests.Contracts;

/// <summary>
/// What every <see cref="IImageStore"/> must do. A backend subclasses this; each test has its own
/// <see cref="Scope"/>, and every key and blob content is derived from it so tests can share one bucket.
/// </summary>
public abstract partial class ImageStoreContractTests
{
    /// <summary>A real PNG signature followed by scope-specific bytes.</summary>
    private static readonly byte[] PngSignature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    protected ImageStoreContractTests()
    {
        Scope = "t" + Guid.NewGuid().ToString("N");
    }

    /// <summary>Unique per test (xunit makes a new instance for each).</summary>
    protected string Scope { get; }

    /// <summary>A new, empty store for the scope.</summary>
    protected abstract Task<IImageStore> CreateStoreAsync(string scope);

    /// <summary>A new instance over the scope's existing storage; earlier instances of the scope are not used again.</summary>
    protected abstract Task<IImageStore> ReopenStoreAsync(string scope);

    [Fact]
    public async Task PutBlob_ThenGet_ReturnsTheSameBytesTypeAndDigest()
    {
        var store = await CreateStoreAsync(Scope);
        var bytes = Png("one");

        var sha = await store.PutBlobAsync(bytes, "image/png");

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), sha);
        var blob = await store.GetBlobAsync(sha);
        Assert.NotNull(blob);
        Assert.Equal(bytes, blob.Bytes);
        Assert.Equal("image/png", blob.ContentType);
        Assert.True(await store.BlobExistsAsync(sha));
    }

    [Fact]
    public async Task PutBlob_TypeTheBytesDoNotShow_KeepsTheDeclaredType()
    {
        var store = await CreateStoreAsync(Scope);
        var bytes = System.Text.Encoding.UTF8.GetBytes($"{Scope} not a known signature");

        var sha = await store.PutBlobAsync(bytes, "image/avif");

        var blob = await store.GetBlobAsync(sha);
        Assert.Equal("image/avif", blob?.ContentType);
        Assert.Equal(bytes, blob?.Bytes);
    }

    [Fact]
    public async Task PutBlob_Twice_IsIdempotent()
    {
        var store = await CreateStoreAsync(Scope);
        var bytes = Png("twice");

        var first = await store.PutBlobAsync(bytes, "image/png");
        var second = await store.PutBlobAsync(bytes, "image/png");

        Assert.Equal(first, second);
        Assert.Equal(1, await CountAsync(store.ListBlobsAsync(), first));
        Assert.Equal(bytes, (await store.GetBlobAsync(first))?.Bytes);
    }

    [Fact]
    public async Task GetBlob_Missing_ReturnsNull()
    {
        var store = await CreateStoreAsync(Scope);
        var sha = TestData.Hex($"{Scope}/missing");

        Assert.Null(await store.GetBlobAsync(sha));
        Assert.False(await store.BlobExistsAsync(sha));
    }

    [Fact]
    public async Task DeleteBlob_RemovesItAndReportsWhetherItExisted()
    {
        var store = await CreateStoreAsync(Scope);
        var sha = await store.PutBlobAsync(Png("deleted"), "image/png");
        var kept = await store.PutBlobAsync(Png("kept"), "image/png");

        Assert.True(await store.DeleteBlobAsync(sha));
        Assert.False(await store.DeleteBlobAsync(sha));

        Assert.Null(await store.GetBlobAsync(sha));
        Assert.False(await store.BlobExistsAsync(sha));
        Assert.True(await store.BlobExistsAsync(kept));
    }

    [Fact]
    public async Task ListBlobs_ReturnsEveryStoredDigestOnce()
    {
        var store = await CreateStoreAsync(Scope);
        var stored = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            stored.Add(await store.PutBlobAsync(Png($"list{i}"), "image/png"));
        }

        await store.DeleteBlobAsync(stored[0]);

        var listed = new List<string>();
        await foreach (var sha in store.ListBlobsAsync())
        {
            listed.Add(sha);
        }

        Assert.Equal(stored.Skip(1).Order(), listed.Where(stored.Contains).Order());
        Assert.Equal(listed.Count, listed.Distinct().Count());
    }

    protected byte[] Png(string name) => [.. PngSignature, .. System.Text.Encoding.UTF8.GetBytes($"{Scope}/{name}")];

    private static async Task<int> CountAsync(IAsyncEnumerable<string> items, string wanted)
    {
        var count = 0;
        await foreach (var item in items)
        {
            count += item == wanted ? 1 : 0;
        }

        return count;
    }
}
