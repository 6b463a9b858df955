using SemCache.Index;
using SemCache.Origin;
using SemCache.Storage;

namespace SemCache.Server.Hosting;

/// <summary>Creates the configured store, index and origin.</summary>
internal static class Backends
{
    public static IImageStore CreateStore(SemCacheSettings settings) => throw new NotSupportedException(settings.Store);

    public static IVectorIndex CreateIndex(SemCacheSettings settings) => throw new NotSupportedException(settings.Index);

    public static IImageOrigin CreateOrigin(SemCacheSettings settings, IServiceProvider services) => throw new NotSupportedException(settings.Origin);
}
