using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SemCache.Core.Index;
using SemCache.Index.Postgres;

namespace SemCache.Server.Hosting;

/// <summary>
/// Opens the backends before the server listens. PostgreSQL's migrations run here, asynchronously (the container's
/// factories only create the index), so a wrong connection string stops the start-up with its own error instead of
/// blocking a thread pool thread or failing the first request.
/// </summary>
public sealed class BackendStartup(IServiceProvider services) : IHostedLifecycleService
{
    /// <summary>Opens the configured index now; later calls return at once. The CLI calls it to report a failure in one line.</summary>
    public static Task OpenAsync(IServiceProvider services, CancellationToken cancellationToken) =>
        services.GetRequiredService<IVectorIndex>() is PostgresVectorIndex postgres ? postgres.InitializeAsync(cancellationToken) : Task.CompletedTask;

    public Task StartingAsync(CancellationToken cancellationToken) => OpenAsync(services, cancellationToken);

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
