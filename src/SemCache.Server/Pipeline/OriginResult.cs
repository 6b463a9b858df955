using SemCache.Core.Origin;

namespace SemCache.Server.Pipeline;

/// <summary>An origin answer after checking: <see cref="Image"/> is set only for real image bytes.</summary>
public sealed record OriginResult(OriginResponse Response, StoredImage? Image, bool Stored, string? RejectReason);
