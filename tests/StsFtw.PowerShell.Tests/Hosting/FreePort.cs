using System.Net;
using System.Net.Sockets;

namespace StsFtw.PowerShell.Tests.Hosting;

internal static class FreePort
{
    /// <summary>A 127.0.0.1 port nothing listens on (bound, then released).</summary>
    public static int Next()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        finally
        {
            listener.Stop();
        }
    }
}
