using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using SemCache.Origin;

namespace SemCache.Tests.Origin;

/// <summary>Keeps every formatted log line so tests can check what reached the logs.</summary>
internal sealed class ListLogger : ILogger<HttpImageOrigin>
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyCollection<string> Lines => _lines;

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        _lines.Enqueue($"{eventId.Id} {formatter(state, exception)} {exception}");
    }
}
