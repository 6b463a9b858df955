using System.Net;
using System.Net.Sockets;
using System.Text;

namespace SemCache.Tests.Origin;

/// <summary>
/// A socket-level server that answers every request with fixed bytes and then closes the connection gracefully (FIN,
/// not RST), so the client always receives everything sent: malformed answers Kestrel refuses to produce, exactly.
/// </summary>
internal sealed class RawHttpServer : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly byte[] _answer;
    private int _connections;

    public RawHttpServer(string head, byte[] body)
    {
        _answer = [.. Encoding.ASCII.GetBytes(head.ReplaceLineEndings("\r\n") + "\r\n\r\n"), .. body];
        _listener.Start();
        BaseUrl = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}");
        _ = AcceptLoopAsync();
    }

    public Uri BaseUrl { get; }

    public int Connections => Volatile.Read(ref _connections);

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        _stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        try
        {
            while (true)
            {
                using var socket = await _listener.AcceptSocketAsync(_stop.Token);
                Interlocked.Increment(ref _connections);
                await ReadHeadAsync(socket);
                await socket.SendAsync(_answer);
                socket.Shutdown(SocketShutdown.Send);

                // Drain until the client closes, so the close is graceful on both sides.
                var sink = new byte[1024];
                while (await socket.ReceiveAsync(sink) > 0)
                {
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }
    }

    private static async Task ReadHeadAsync(Socket socket)
    {
        var seen = new StringBuilder();
        var buffer = new byte[4096];
        while (!seen.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            var n = await socket.ReceiveAsync(buffer);
            if (n == 0)
            {
                return;
            }

            seen.Append(Encoding.ASCII.GetString(buffer, 0, n));
        }
    }
}
