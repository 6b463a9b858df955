using System.Buffers;

namespace SemCache.Origin;

/// <summary>
/// Reads a response body whole but never more than a limit, and notices bodies that end before their declared length.
/// </summary>
internal static class BoundedBodyReader
{
    private const int ChunkSize = 64 * 1024;

    /// <summary>
    /// Reads <paramref name="content"/>. Transport errors mid-body surface as <see cref="IOException"/> or
    /// <see cref="HttpRequestException"/>; the caller maps them to a truncated body.
    /// </summary>
    public static async Task<(BodyReadStatus Status, byte[] Body)> ReadAsync(HttpContent content, long maxBytes, CancellationToken cancellationToken)
    {
        var declared = content.Headers.ContentLength;
        if (declared > maxBytes)
        {
            return (BodyReadStatus.TooLarge, []);
        }

        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            if (declared is long length)
            {
                return await ReadDeclaredAsync(stream, (int)length, cancellationToken).ConfigureAwait(false);
            }

            return await ReadUndeclaredAsync(stream, maxBytes, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<(BodyReadStatus, byte[])> ReadDeclaredAsync(Stream stream, int length, CancellationToken cancellationToken)
    {
        var body = new byte[length];
        var read = await stream.ReadAtLeastAsync(body, length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        return read == length ? (BodyReadStatus.Complete, body) : (BodyReadStatus.Truncated, []);
    }

    private static async Task<(BodyReadStatus, byte[])> ReadUndeclaredAsync(Stream stream, long maxBytes, CancellationToken cancellationToken)
    {
        using var collected = new MemoryStream();
        var chunk = ArrayPool<byte>.Shared.Rent(ChunkSize);
        try
        {
            int n;
            while ((n = await stream.ReadAsync(chunk.AsMemory(0, ChunkSize), cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (collected.Length + n > maxBytes)
                {
                    return (BodyReadStatus.TooLarge, []);
                }

                collected.Write(chunk, 0, n);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        return (BodyReadStatus.Complete, collected.ToArray());
    }
}
