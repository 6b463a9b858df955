using SemCache.Core.Review;
using SemCache.Index.Embedded;

namespace SemCache.Tests.Review;

/// <summary>The review-store contract on the embedded SQLite file.</summary>
public sealed class SqliteReviewStoreTests : ReviewStoreContractTests, IDisposable
{
    private readonly TempDirectory _root = new("semcache-review-");
    private readonly List<SqliteReviewStore> _open = [];

    protected override Task<IReviewStore> OpenAsync(string scope)
    {
        var store = SqliteReviewStore.Open(Path.Combine(_root.Path, scope));
        _open.Add(store);
        return Task.FromResult<IReviewStore>(store);
    }

    [Fact]
    public async Task Two_openers_of_one_file_both_see_the_schema()
    {
        var directory = Path.Combine(_root.Path, Scope);
        var stores = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => SqliteReviewStore.Open(directory))));
        _open.AddRange(stores);
        await stores[0].RecordAsync(Pair(1));
        Assert.NotNull(await stores[3].GetAsync(Pair(1).Id));
    }

    public void Dispose()
    {
        foreach (var store in _open)
        {
            store.Dispose();
        }

        _root.Dispose();
    }
}
