using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SemCache.Backfill;
using SemCache.Core.Embedding;
using SemCache.Core.Index;
using SemCache.Core.Storage;
using SemCache.Server.Hosting;
using SemCache.Tests.Infrastructure;

namespace SemCache.Tests.Backfill;

/// <summary>The cache's services without a web server (as the CLI builds them) with the shared MiniLM.</summary>
public sealed class BackfillHarness : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    public BackfillHarness(SemCacheSettings settings)
    {
        Settings = settings;
        _services = new ServiceCollection()
            .AddLogging(b => b.SetMinimumLevel(LogLevel.Warning))
            .AddSemCache(settings)
            .AddSingleton(SharedEmbedder.Instance)
            .AddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(SharedEmbedder.Instance)
            .AddSingleton<IPromptCoverage>(SharedEmbedder.Instance)
            .BuildServiceProvider();
    }

    public SemCacheSettings Settings { get; }

    public IImageStore Store => _services.GetRequiredService<IImageStore>();

    public IVectorIndex Index => _services.GetRequiredService<IVectorIndex>();

    public static async Task<BackfillSummary> RunOnceAsync(SemCacheSettings settings, string from, KeyFormat format, string? manifest = null)
    {
        await using var harness = new BackfillHarness(settings);
        return await harness.RunAsync(from, format, manifest);
    }

    public async Task<BackfillSummary> RunAsync(
        string from, KeyFormat format, string? manifest = null, Func<IBackfillSource, IBackfillSource>? wrap = null,
        int batchSize = 64, CancellationToken cancellationToken = default)
    {
        using var source = BackfillSources.Create(from, format, manifest, Destination(Settings, Store), out var sourceIsStore);
        var runner = ActivatorUtilities.CreateInstance<BackfillRunner>(_services);
        var options = new BackfillOptions
        {
            Format = format,
            Concurrency = 4,
            BatchSize = batchSize,
            CheckpointPath = BackfillCheckpoint.PathFor(Settings.Data, from, format, manifest),
            SourceIsStore = sourceIsStore,
        };
        return await runner.RunAsync(wrap?.Invoke(source) ?? source, options, null, cancellationToken);
    }

    /// <summary>The same mapping as the CLI's backfill command.</summary>
    private static BackfillDestination Destination(SemCacheSettings settings, IImageStore store) => new(store)
    {
        ImagesDirectory = settings.Store == StoreKind.Files ? Path.Combine(settings.Data, "images") : null,
        Bucket = settings.Store == StoreKind.S3 ? settings.S3.Bucket : null,
        Prefix = settings.S3.Prefix,
        S3 = new S3Endpoint { ServiceUrl = settings.S3.ServiceUrl, Region = settings.S3.Region, ForcePathStyle = settings.S3.ForcePathStyle },
    };

    public async Task<List<CacheEntry>> EntriesAsync()
    {
        var entries = new List<CacheEntry>();
        await foreach (var e in Store.ListEntriesAsync())
        {
            entries.Add(e);
        }

        return entries;
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
