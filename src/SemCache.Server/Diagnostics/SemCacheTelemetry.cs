using System.Diagnostics;

namespace SemCache.Server.Diagnostics;

/// <summary>
/// Trace spans of the expensive steps (embedding, index query, origin call) on the <see cref="SourceName"/> source.
/// Exported with OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set; any ActivityListener (dotnet-trace) sees them too.
/// </summary>
public static class SemCacheTelemetry
{
    public const string SourceName = "SemCache";

    public static readonly ActivitySource Source = new(SourceName);
}
