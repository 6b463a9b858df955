using System.Collections.Concurrent;

namespace SemCache.Server.Pipeline;

/// <summary>
/// Which optional components (embedder, index, store) failed last time they were used, and why. Nothing here stops
/// serving: the exact tier and the origin keep working, and a later success clears the failure.
/// </summary>
public sealed class ComponentHealth
{
    public const string Embedder = "embedder";
    public const string Index = "index";
    public const string Store = "store";

    private readonly ConcurrentDictionary<string, string> _failures = new(StringComparer.Ordinal);

    /// <summary>Records a failure; true when the component was working until now (the start of a failing stretch).</summary>
    public bool Failed(string component, string reason)
    {
        var started = !_failures.ContainsKey(component);
        _failures[component] = reason;
        return started;
    }

    public void Succeeded(string component) => _failures.TryRemove(component, out _);

    public IReadOnlyDictionary<string, string> Failures => new Dictionary<string, string>(_failures);

    public bool IsDegraded => !_failures.IsEmpty;
}
