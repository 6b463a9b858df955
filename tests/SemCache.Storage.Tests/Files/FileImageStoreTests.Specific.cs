using SemCache.Storage.Files;
using SemCache.Tests.Contracts;

namespace SemCache.Tests.Files;

/// <summary>What the file store promises beyond the contract: layout, corrupt files, temp leftovers, safe names.</summary>
public sealed partial class FileImageStoreTests
{
    [Fact]
    public async Task Put_WritesTheDocumentedLayoutWithCamelCaseJson()
    {
        var store = Open(Scope);
        var sha = await store.PutBlobAsync(Png("layout"), "image/png");
        await store.PutEntryAsync(Entry("layout") with { BlobSha256 = sha });

        Assert.True(File.Exists(BlobFile(Scope, sha)));
        var json = await File.ReadAllTextAsync(EntryFile(Scope, Key("layout")));
        Assert.Contains("\"blobSha256\":\"" + sha + "\"", json);
        Assert.Contains("\"originMilliseconds\"", json);
    }

    [Fact]
    public async Task GetEntry_TornFile_IsAbsentAndReported()
    {
        var store = Open(Scope);
        await store.PutEntryAsync(Entry("torn"));
        await store.PutEntryAsync(Entry("fine"));
        var path = EntryFile(Scope, Key("torn"));
        var bytes = await File.ReadAllBytesAsync(path);
        await File.WriteAllBytesAsync(path, bytes[..(bytes.Length / 2)]);

        Assert.Null(await store.GetEntryAsync(Key("torn")));

        var listed = new List<string>();
        await foreach (var entry in store.ListEntriesAsync())
        {
            listed.Add(entry.Key);
        }

        Assert.Equal([Key("fine")], listed);
        Assert.Equal(2, store.CorruptEntriesSkipped);
        Assert.All(_corrupt, c => Assert.Equal(path, c.Path));
        await store.PutEntryAsync(Entry("torn"));
        AssertSameEntry(Entry("torn"), await store.GetEntryAsync(Key("torn")));
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("null")]
    [InlineData("")]
    public async Task GetEntry_FileWithoutAValidEntry_IsAbsentAndReported(string content)
    {
        var store = Open(Scope);
        var path = EntryFile(Scope, Key("bad"));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, content);

        Assert.Null(await store.GetEntryAsync(Key("bad")));
        Assert.Equal(1, store.CorruptEntriesSkipped);
    }

    [Fact]
    public async Task GetEntry_FileHoldingAnotherKey_IsAbsentAndReported()
    {
        var store = Open(Scope);
        await store.PutEntryAsync(Entry("real"));
        var misplaced = EntryFile(Scope, Key("misplaced"));
        Directory.CreateDirectory(Path.GetDirectoryName(misplaced)!);
        File.Copy(EntryFile(Scope, Key("real")), misplaced);

        Assert.Null(await store.GetEntryAsync(Key("misplaced")));
        Assert.Equal(1, store.CorruptEntriesSkipped);
    }

    [Theory]
    [InlineData("../../../../etc/passwd")]
    [InlineData("ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789")]
    [InlineData("abcdef0123456789abcdef0123456789abcdef0123456789abcdef012345678")]
    [InlineData("abcdef0123456789abcdef0123456789abcdef0123456789abcdef01234567/.")]
    [InlineData("")]
    public async Task EveryOperation_KeyOrDigestNotLowercaseSha256Hex_IsRejected(string bad)
    {
        var store = Open(Scope);

        await Assert.ThrowsAsync<ArgumentException>(() => store.GetEntryAsync(bad));
        await Assert.ThrowsAsync<ArgumentException>(() => store.DeleteEntryAsync(bad));
        await Assert.ThrowsAsync<ArgumentException>(() => store.PutEntryAsync(Entry("e") with { Key = bad }));
        await Assert.ThrowsAsync<ArgumentException>(() => store.PutEntryAsync(Entry("e") with { BlobSha256 = bad }));
        await Assert.ThrowsAsync<ArgumentException>(() => store.GetBlobAsync(bad));
        await Assert.ThrowsAsync<ArgumentException>(() => store.BlobExistsAsync(bad));
        await Assert.ThrowsAsync<ArgumentException>(() => store.DeleteBlobAsync(bad));

        Assert.Empty(Directory.EnumerateFiles(store.RootDirectory, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Open_RemovesTempFilesLeftByACrash_AndListingNeverShowsThem()
    {
        var store = Open(Scope);
        var sha = await store.PutBlobAsync(Png("kept"), "image/png");
        await store.PutEntryAsync(Entry("kept"));
        var entryTemp = EntryFile(Scope, Key("torn")) + ".0123abcd.tmp";
        var blobTemp = BlobFile(Scope, TestData.Hex("partial")) + ".0123abcd.tmp";
        foreach (var temp in new[] { entryTemp, blobTemp })
        {
            Directory.CreateDirectory(Path.GetDirectoryName(temp)!);
            await File.WriteAllTextAsync(temp, "{\"key\":");
        }

        Assert.Equal([sha], await ToListAsync(store.ListBlobsAsync()));
        Assert.Equal([Key("kept")], (await ToListAsync(store.ListEntriesAsync())).Select(e => e.Key));

        var reopened = Open(Scope);

        Assert.False(File.Exists(entryTemp));
        Assert.False(File.Exists(blobTemp));
        Assert.Equal([sha], await ToListAsync(reopened.ListBlobsAsync()));
        Assert.Equal(0, reopened.CorruptEntriesSkipped);
    }

    [Fact]
    public async Task PutBlob_TypeTheBytesShow_NeedsNoTypeFile()
    {
        var store = Open(Scope);
        byte[] jpeg = [0xFF, 0xD8, 0xFF, 0xE0, .. System.Text.Encoding.UTF8.GetBytes(Scope)];
        var text = System.Text.Encoding.UTF8.GetBytes(Scope);

        var jpegSha = await store.PutBlobAsync(jpeg, "image/jpeg");
        var textSha = await store.PutBlobAsync(text, "image/avif");

        Assert.False(File.Exists(BlobFile(Scope, jpegSha) + ".type"));
        Assert.True(File.Exists(BlobFile(Scope, textSha) + ".type"));
        Assert.Equal("image/jpeg", (await Open(Scope).GetBlobAsync(jpegSha))?.ContentType);
        Assert.Equal("image/avif", (await Open(Scope).GetBlobAsync(textSha))?.ContentType);
        Assert.Equal(new[] { jpegSha, textSha }.Order(), (await ToListAsync(store.ListBlobsAsync())).Order());
    }

    [Fact]
    public async Task PutBlob_Twice_KeepsTheFirstFileUntouched()
    {
        var store = Open(Scope);
        var sha = await store.PutBlobAsync(Png("once"), "image/png");
        var written = File.GetLastWriteTimeUtc(BlobFile(Scope, sha));
        File.SetLastWriteTimeUtc(BlobFile(Scope, sha), written.AddDays(-1));

        await store.PutBlobAsync(Png("once"), "image/png");

        Assert.Equal(written.AddDays(-1), File.GetLastWriteTimeUtc(BlobFile(Scope, sha)));
    }

    private static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items)
        {
            list.Add(item);
        }

        return list;
    }
}
