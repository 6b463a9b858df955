using Microsoft.Extensions.DependencyInjection;

namespace SemCache.Server.Dashboard;

/// <summary>Registers what the dashboard reads: the recent semantic hits, the request history and the feed.</summary>
public static class DashboardServiceCollectionExtensions
{
    public static IServiceCollection AddDashboard(this IServiceCollection services)
    {
        services.AddSingleton<RecentHits>();
        services.AddSingleton<RequestHistory>();
        services.AddSingleton<DashboardFeed>();
        return services;
    }
}
