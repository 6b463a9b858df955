using System.Net;

namespace SemCache.Embedding;

/// <summary>A remote embedding service failed for good (after retries), or answered something unusable.</summary>
public sealed class EmbeddingServiceException : HttpRequestException
{
    public EmbeddingServiceException(string message, Exception? inner = null, HttpStatusCode? statusCode = null)
        : base(message, inner, statusCode)
    {
    }
}
