using Microsoft.Extensions.Logging;
using SemCache.Origin;

namespace SemCache.Tests.Origin;

/// <summary>Adapts <see cref="ListLogger"/> to the OpenAI origin's logger type.</summary>
internal sealed class OpenAiLogger(ListLogger inner) : ILogger<OpenAiImageOrigin>
{
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        inner.Log(logLevel, eventId, state, exception, formatter);
}
