using System.Net.Sockets;
using System.Text;

namespace SreSuite.Resilience.Tests;

/// <summary>
/// A bare TCP connection to a server, for clients no HTTP library would imitate: ones that send garbage, stop
/// half-way through a request, or hang up while their call is running.
/// </summary>
public sealed class RawConnection : IDisposable
{
    private readonly TcpClient _tcp;
    private readonly NetworkStream _stream;

    private RawConnection(TcpClient tcp)
    {
        _tcp = tcp;
        _stream = tcp.GetStream();
    }

    public static async Task<RawConnection> OpenAsync(Uri baseUrl, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        var tcp = new TcpClient { NoDelay = true };
        await tcp.ConnectAsync(baseUrl.Host, baseUrl.Port, cancellationToken);
        return new RawConnection(tcp);
    }

    /// <summary>An HTTP/1.1 POST with the headers a Streamable HTTP client sends, as bytes; the server closes after answering.</summary>
    public static byte[] Post(Uri baseUrl, string path, byte[] body, string contentType = "application/json", int? contentLength = null)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        ArgumentNullException.ThrowIfNull(body);
        var head = $"POST {path} HTTP/1.1\r\nHost: {baseUrl.Authority}\r\nContent-Type: {contentType}\r\n"
            + "Accept: application/json, text/event-stream\r\nMCP-Protocol-Version: 2025-11-25\r\nConnection: close\r\n"
            + $"Content-Length: {contentLength ?? body.Length}\r\n\r\n";
        return [.. Encoding.ASCII.GetBytes(head), .. body];
    }

    public static byte[] Post(Uri baseUrl, string path, string body) => Post(baseUrl, path, Encoding.UTF8.GetBytes(body));

    public async Task SendAsync(byte[] bytes, CancellationToken cancellationToken) => await _stream.WriteAsync(bytes, cancellationToken);

    /// <summary>Ends what this side sends (a FIN) while still reading the answer.</summary>
    public void ShutdownSend() => _tcp.Client.Shutdown(System.Net.Sockets.SocketShutdown.Send);

    /// <summary>
    /// Reads what the server sends until it closes the connection or <paramref name="within"/> passes; says which.
    /// A reset counts as closed.
    /// </summary>
    public async Task<(string Text, bool Closed)> ReadAsync(TimeSpan within, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(within);
        var received = new MemoryStream();
        var buffer = new byte[8192];
        try
        {
            while (true)
            {
                var read = await _stream.ReadAsync(buffer, deadline.Token);
                if (read == 0)
                    return (Encoding.UTF8.GetString(received.ToArray()), true);
                received.Write(buffer, 0, read);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (Encoding.UTF8.GetString(received.ToArray()), false);
        }
        catch (IOException)
        {
            return (Encoding.UTF8.GetString(received.ToArray()), true);
        }
    }

    public void Dispose()
    {
        _stream.Dispose();
        _tcp.Dispose();
    }
}
