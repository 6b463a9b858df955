using SemCache.Core.Storage;
using SemCache.Storage.S3;
using SemCache.Tests.Contracts;
using SemCache.Tests.Services;

namespace SemCache.Tests.S3;

/// <summary>The shared store contract on the S3 test server; each test's scope is a key prefix of its own.</summary>
public sealed class S3ImageStoreContractTests(ServicesFixture services)
    : ImageStoreContractTests, IClassFixture<ServicesFixture>, IDisposable
{
    private readonly List<S3ImageStore> _stores = [];

    protected override Task<IImageStore> CreateStoreAsync(string scope) => Task.FromResult(Open(scope));

    protected override Task<IImageStore> ReopenStoreAsync(string scope) => Task.FromResult(Open(scope));

    public void Dispose()
    {
        foreach (var store in _stores)
        {
            store.Dispose();
        }
    }

    private IImageStore Open(string scope)
    {
        // Small pages, so every listing in the contract also crosses continuation tokens.
        var store = new S3ImageStore(services.S3Options($"contract/{scope}/", listPageSize: 3));
        _stores.Add(store);
        return store;
    }
}
