using SemCache.Server.Hosting;

namespace SemCache.Tests;

/// <summary>The behaviour suite on the embedded defaults: files on disk and the in-process index.</summary>
public sealed class EmbeddedCacheBehaviourTests : CacheBehaviourContract
{
    protected override SemCacheSettings Backend(SemCacheSettings settings) => settings with { Index = IndexKind.Embedded, Store = StoreKind.Files };
}
