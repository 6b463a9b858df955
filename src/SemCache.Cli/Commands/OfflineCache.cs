using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SemCache.Server.Hosting;

namespace SemCache.Cli.Commands;

/// <summary>
/// The cache's services without the web server, for maintenance commands. While a server runs on the same embedded
/// data directory, prefer its admin endpoints: its in-memory index does not see changes made from another process.
/// </summary>
public static class OfflineCache
{
    public static ServiceProvider Build(SemCacheSettings settings) =>
        new ServiceCollection()
            .AddLogging(b => b.SetMinimumLevel(LogLevel.Warning))
            .AddSemCache(settings)
            .BuildServiceProvider();
}
