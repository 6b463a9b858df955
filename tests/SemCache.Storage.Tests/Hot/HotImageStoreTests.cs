using SemCache.Core.Storage;
using SemCache.Storage;
using SemCache.Storage.Files;
using SemCache.Tests.Contracts;

namespace SemCache.Tests.Hot;

/// <summary>
/// The contract suite through the hot-image set over the file store, plus what the set adds: repeated reads come from
/// memory, writes and deletes through it are seen at once, the byte budget holds, kept entries expire.
/// </summary>
public sealed class HotImageStoreTests : ImageStoreContractTests, IDisposable
{
    private readonly TempDirectory _root = new("semcache-hot");

    public void Dispose() => _root.Dispose();

    protected override Task<IImageStore> CreateStoreAsync(string scope) => Task.FromResult<IImageStore>(Open(scope, 1 << 20, TimeSpan.FromMinutes(5)));

    protected override Task<IImageStore> ReopenStoreAsync(string scope) => CreateStoreAsync(scope);

    [Fact]
    public async Task A_read_image_and_entry_are_served_from_memory_until_deleted_through_the_set()
    {
        var store = Open(Scope, 1 << 20, TimeSpan.FromMinutes(5));
        var (entry, bytes) = await PutAsync(store, "hot");
        Assert.Equal(bytes, (await store.GetBlobAsync(entry.BlobSha256))!.Bytes);
        Assert.Equal(entry.Key, (await store.GetEntryAsync(entry.Key))!.Key);

        // Behind the set's back the files are gone, but it still answers from memory (the point of it)...
        var disk = new FileImageStore(_root.Sub(Scope));
        await disk.DeleteBlobAsync(entry.BlobSha256);
        await disk.DeleteEntryAsync(entry.Key);
        Assert.Equal(bytes, (await store.GetBlobAsync(entry.BlobSha256))!.Bytes);
        Assert.NotNull(await store.GetEntryAsync(entry.Key));
        Assert.Equal(bytes.Length, store.HeldBytes);

        // ...and a delete through it is seen at once.
        await store.DeleteEntryAsync(entry.Key);
        await store.DeleteBlobAsync(entry.BlobSha256);
        Assert.Null(await store.GetEntryAsync(entry.Key));
        Assert.Null(await store.GetBlobAsync(entry.BlobSha256));
        Assert.Equal(0, store.HeldBytes);
    }

    [Fact]
    public async Task A_rewritten_entry_is_read_again()
    {
        var store = Open(Scope, 1 << 20, TimeSpan.FromMinutes(5));
        var (entry, _) = await PutAsync(store, "counted");
        Assert.Equal(0, (await store.GetEntryAsync(entry.Key))!.HitCount);
        await store.PutEntryAsync(entry with { HitCount = 7 });
        Assert.Equal(7, (await store.GetEntryAsync(entry.Key))!.HitCount);
    }

    [Fact]
    public async Task A_kept_entry_is_read_again_after_its_lifetime()
    {
        var store = Open(Scope, 1 << 20, TimeSpan.Zero);
        var (entry, _) = await PutAsync(store, "short-lived");
        Assert.NotNull(await store.GetEntryAsync(entry.Key));
        await new FileImageStore(_root.Sub(Scope)).DeleteEntryAsync(entry.Key); // another process purges
        Assert.Null(await store.GetEntryAsync(entry.Key));
    }

    [Fact]
    public async Task The_byte_budget_holds_and_recently_read_images_stay()
    {
        // 16 images of 20 KB under a 200 KB budget: at most 10 fit; the one read again and again is never dropped.
        var store = Open(Scope, 200_000, TimeSpan.FromMinutes(5));
        var favourite = await PutAsync(store, "favourite", 20_000);
        for (var i = 0; i < 15; i++)
        {
            Assert.NotNull(await store.GetBlobAsync(favourite.Entry.BlobSha256));
            var other = await PutAsync(store, "other" + i, 20_000);
            Assert.NotNull(await store.GetBlobAsync(other.Entry.BlobSha256));
            Assert.InRange(store.HeldBytes, 20_000, 200_000);
        }

        await new FileImageStore(_root.Sub(Scope)).DeleteBlobAsync(favourite.Entry.BlobSha256);
        Assert.NotNull(await store.GetBlobAsync(favourite.Entry.BlobSha256));
    }

    [Fact]
    public async Task An_image_over_an_eighth_of_the_budget_is_never_kept()
    {
        var store = Open(Scope, 80_000, TimeSpan.FromMinutes(5));
        var (entry, _) = await PutAsync(store, "large", 20_000);
        Assert.NotNull(await store.GetBlobAsync(entry.BlobSha256));
        Assert.Equal(0, store.HeldBytes);
    }

    private HotImageStore Open(string scope, long bytes, TimeSpan entryLifetime) =>
        new(new FileImageStore(_root.Sub(scope)), bytes, entryLifetime);

    private async Task<(CacheEntry Entry, byte[] Bytes)> PutAsync(IImageStore store, string name, int size = 1000)
    {
        var bytes = new byte[size];
        new Random((name.Length * 131) + name[^1] + (name[^2] * 7)).NextBytes(bytes); // distinct content per name
        byte[] png = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];
        png.CopyTo(bytes, 0);
        var sha = await store.PutBlobAsync(bytes, "image/png");
        var entry = new CacheEntry
        {
            Key = TestData.Hex(Scope + name),
            BlobSha256 = sha,
            ContentType = "image/png",
            Size = bytes.Length,
            Prompt = name,
            Partition = TestData.Hex("partition"),
            Parameters = new Dictionary<string, string> { ["model"] = "flux" },
            Created = DateTimeOffset.UtcNow,
        };
        await store.PutEntryAsync(entry);
        return (entry, bytes);
    }
}
