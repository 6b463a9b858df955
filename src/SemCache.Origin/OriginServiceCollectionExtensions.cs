using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SemCache.Core.Origin;

namespace SemCache.Origin;

/// <summary>Registers the origins with dependency injection.</summary>
public static class OriginServiceCollectionExtensions
{
    /// <summary>The name of the <see cref="HttpClient"/> that <see cref="AddHttpImageOrigin"/> registers.</summary>
    public const string HttpClientName = "semcache-origin";

    /// <summary>The name of the <see cref="HttpClient"/> that <see cref="AddOpenAiImageOrigin"/> registers.</summary>
    public const string OpenAiHttpClientName = "semcache-origin-openai";

    /// <summary>
    /// Registers the named client <see cref="HttpClientName"/> and a singleton <see cref="IImageOrigin"/> that uses it
    /// (one instance, so the circuit breaker sees every call). Throws <see cref="ArgumentException"/> listing every
    /// invalid option.
    /// </summary>
    public static IServiceCollection AddHttpImageOrigin(this IServiceCollection services, HttpOriginOptions options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        options.ThrowIfInvalid();

        AddClient(services, HttpClientName, options);
        services.AddSingleton<IImageOrigin>(sp => new HttpImageOrigin(
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName),
            options,
            sp.GetService<ILogger<HttpImageOrigin>>(),
            sp.GetService<TimeProvider>()));
        return services;
    }

    /// <summary>
    /// Registers the named client <see cref="OpenAiHttpClientName"/> and a singleton <see cref="OpenAiImageOrigin"/> as
    /// the <see cref="IImageOrigin"/>. Throws <see cref="ArgumentException"/> for invalid options or a missing API key.
    /// </summary>
    public static IServiceCollection AddOpenAiImageOrigin(this IServiceCollection services, OpenAiOriginOptions options)
    {
        ArgumentNullException.ThrowIfNull(services);
        OpenAiImageOrigin.ThrowIfInvalid(options);
        _ = OpenAiImageOrigin.ReadApiKey(options.ApiKeyEnvironmentVariable);
        AddClient(services, OpenAiHttpClientName, options.Http);
        services.AddSingleton<IImageOrigin>(sp => new OpenAiImageOrigin(
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(OpenAiHttpClientName),
            options,
            sp.GetService<ILogger<OpenAiImageOrigin>>(),
            sp.GetService<TimeProvider>()));
        return services;
    }

    /// <summary>Registers a singleton <see cref="DemoOrigin"/> as the <see cref="IImageOrigin"/>.</summary>
    public static IServiceCollection AddDemoImageOrigin(this IServiceCollection services, DemoOriginOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var demo = options ?? new DemoOriginOptions();
        var errors = demo.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid demo origin options: " + string.Join(" ", errors));
        }

        services.AddSingleton<IImageOrigin>(sp => new DemoOrigin(demo, sp.GetService<TimeProvider>()));
        return services;
    }

    private static void AddClient(IServiceCollection services, string name, HttpOriginOptions options) =>
        services.AddHttpClient(name)
            .ConfigurePrimaryHttpMessageHandler(() => OriginHttpHandler.Create(options))
            .ConfigureHttpClient(client => client.Timeout = Timeout.InfiniteTimeSpan)

            // The singleton keeps its client; the handler recycles connections itself (PooledConnectionLifetime).
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan)

            // The factory's default logging writes full URIs, and the query holds the client's token.
            .RemoveAllLoggers();
}
