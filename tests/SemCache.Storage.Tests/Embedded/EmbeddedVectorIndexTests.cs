using SemCache.Core.Index;
using SemCache.Index.Embedded;
using SemCache.Tests.Contracts;

namespace SemCache.Tests.Embedded;

/// <summary>The contract suite on the embedded index (one temp directory per scope), plus its own behaviour.</summary>
public sealed partial class EmbeddedVectorIndexTests : VectorIndexContractTests, IDisposable
{
    private readonly TempDirectory _root = new("semcache-index");
    private readonly List<EmbeddedVectorIndex> _open = [];

    public void Dispose()
    {
        CloseAll();
        _root.Dispose();
    }

    protected override Task<IVectorIndex> CreateIndexAsync(string scope) => Task.FromResult<IVectorIndex>(Open(scope));

    protected override Task<IVectorIndex> ReopenIndexAsync(string scope)
    {
        CloseAll();
        return Task.FromResult<IVectorIndex>(Open(scope));
    }

    private EmbeddedVectorIndex Open(string scope)
    {
        var index = EmbeddedVectorIndex.Open(_root.Sub(scope));
        _open.Add(index);
        return index;
    }

    private void CloseAll()
    {
        _open.ForEach(index => index.Dispose());
        _open.Clear();
    }
}
