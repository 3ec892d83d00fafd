using System.Net;
using System.Net.Sockets;
using System.Text;

namespace StsFtw.Lambda.Tests.HostileInput;

/// <summary>
/// Sends a corpus entry to the local listener as raw bytes over a socket (so repeated headers, odd methods and
/// bodies arrive exactly as written) and reads the answer back. One connection per request.
/// </summary>
internal static class RawHttpExchange
{
    public static async Task<HostileAnswer> SendAsync(int port, HostileRequest request, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, port, cancel.Token);
        var stream = client.GetStream();

        var head = new StringBuilder($"{request.Method} / HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n");
        foreach (var (name, value) in request.Headers) head.Append(name).Append(": ").Append(value).Append("\r\n");
        head.Append("Content-Length: ").Append(request.Body.Length).Append("\r\nConnection: close\r\n\r\n");
        byte[] bytes = [.. Encoding.UTF8.GetBytes(head.ToString()), .. request.Body];

        // The server may answer (413) and close before it has read a large body: write and read side by side.
        var writing = Task.Run(async () =>
        {
            try
            {
                await stream.WriteAsync(bytes, cancel.Token);
            }
            catch (Exception failure) when (failure is IOException or SocketException or OperationCanceledException)
            {
            }
        });
        using var received = new MemoryStream();
        var chunk = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await stream.ReadAsync(chunk, cancel.Token)) > 0) received.Write(chunk, 0, read);
        }
        catch (IOException) when (received.Length > 0)
        {
            // Reset after the answer arrived (the unread rest of a large body).
        }
        await writing;
        return HostileAnswer.FromRawHttp(received.ToArray());
    }

    /// <summary>
    /// Sends <paramref name="bytes"/> exactly as given (a request HTTP itself may not allow), then closes the sending
    /// side; an empty answer (status 0) means the server closed the connection without answering.
    /// </summary>
    public static async Task<HostileAnswer> SendRawAsync(int port, byte[] bytes, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, port, cancel.Token);
        var stream = client.GetStream();
        try
        {
            await stream.WriteAsync(bytes, cancel.Token);
            client.Client.Shutdown(SocketShutdown.Send);
        }
        catch (Exception failure) when (failure is IOException or SocketException)
        {
        }
        using var received = new MemoryStream();
        var chunk = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await stream.ReadAsync(chunk, cancel.Token)) > 0) received.Write(chunk, 0, read);
        }
        catch (Exception failure) when (failure is IOException or SocketException or OperationCanceledException)
        {
        }
        return HostileAnswer.FromRawHttp(received.ToArray());
    }
}
