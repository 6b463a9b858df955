namespace SemCache.Core.Requests;

/// <summary>Why a request cannot be served as sent; <see cref="Parameter"/> names the culprit, if one.</summary>
public sealed record RequestError(string Message, string? Parameter = null);
