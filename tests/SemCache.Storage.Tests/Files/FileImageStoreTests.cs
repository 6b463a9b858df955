using SemCache.Core.Storage;
using SemCache.Storage.Files;
using SemCache.Tests.Contracts;

namespace SemCache.Tests.Files;

/// <summary>The contract suite on the file store (one temp directory per scope), plus its own behaviour.</summary>
public sealed partial class FileImageStoreTests : ImageStoreContractTests, IDisposable
{
    private readonly TempDirectory _root = new("semcache-files");
    private readonly List<(string Path, Exception Error)> _corrupt = [];

    public void Dispose() => _root.Dispose();

    protected override Task<IImageStore> CreateStoreAsync(string scope) => Task.FromResult<IImageStore>(Open(scope));

    protected override Task<IImageStore> ReopenStoreAsync(string scope) => Task.FromResult<IImageStore>(Open(scope));

    private FileImageStore Open(string scope) =>
        new(_root.Sub(scope), (path, error) =>
        {
            lock (_corrupt)
            {
                _corrupt.Add((path, error));
            }
        });

    private string EntryFile(string scope, string key) => Path.Combine(_root.Sub(scope), "entries", key[..2], key + ".json");

    private string BlobFile(string scope, string sha) => Path.Combine(_root.Sub(scope), "blobs", sha[..2], sha);
}
