using System.Buffers;

namespace SemCache.Origin;

/// <summary>
/// Reads a response body whole but never more than a limit, notices bodies that end before their declared length,
/// and gives up on a body that stops arriving (no bytes for an idle timeout) as proxies such as nginx and Varnish do.
/// </summary>
internal static class BoundedBodyReader
{
    private const int ChunkSize = 64 * 1024;

    /// <summary>
    /// Reads <paramref name="content"/>. Transport errors mid-body surface as <see cref="IOException"/> or
    /// <see cref="HttpRequestException"/>; the caller maps them to a truncated body. A read that waits longer than
    /// <paramref name="idleTimeout"/> ends as <see cref="BodyReadStatus.Stalled"/>.
    /// </summary>
    public static async Task<(BodyReadStatus Status, byte[] Body)> ReadAsync(
        HttpContent content, long maxBytes, TimeSpan idleTimeout, TimeProvider time, CancellationToken cancellationToken)
    {
        var declared = content.Headers.ContentLength;
        if (declared > maxBytes)
        {
            return (BodyReadStatus.TooLarge, []);
        }

        using var idle = new CancellationTokenSource(Timeout.InfiniteTimeSpan, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, idle.Token);
        var reader = new IdleReader(idle, idleTimeout, linked.Token);
        try
        {
            var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                return declared is long length
                    ? await ReadDeclaredAsync(stream, (int)length, reader).ConfigureAwait(false)
                    : await ReadUndeclaredAsync(stream, maxBytes, reader).ConfigureAwait(false);
            }
        }
        catch (Exception) when (idle.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            // Cancelling a read may surface as OperationCanceledException or as IOException; either way it was ours.
            return (BodyReadStatus.Stalled, []);
        }
    }

    private static async Task<(BodyReadStatus, byte[])> ReadDeclaredAsync(Stream stream, int length, IdleReader reader)
    {
        var body = new byte[length];
        var read = 0;
        int n;
        while (read < length && (n = await reader.ReadAsync(stream, body.AsMemory(read)).ConfigureAwait(false)) > 0)
        {
            read += n;
        }

        return read == length ? (BodyReadStatus.Complete, body) : (BodyReadStatus.Truncated, []);
    }

    private static async Task<(BodyReadStatus, byte[])> ReadUndeclaredAsync(Stream stream, long maxBytes, IdleReader reader)
    {
        using var collected = new MemoryStream();
        var chunk = ArrayPool<byte>.Shared.Rent(ChunkSize);
        try
        {
            int n;
            while ((n = await reader.ReadAsync(stream, chunk.AsMemory(0, ChunkSize)).ConfigureAwait(false)) > 0)
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

    /// <summary>Restarts the idle timer before every read, so only a gap between bytes counts, not a slow whole.</summary>
    private sealed class IdleReader(CancellationTokenSource idle, TimeSpan idleTimeout, CancellationToken token)
    {
        public ValueTask<int> ReadAsync(Stream stream, Memory<byte> buffer)
        {
            idle.CancelAfter(idleTimeout);
            return stream.ReadAsync(buffer, token);
        }
    }
}
