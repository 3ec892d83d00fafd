using System.Net;
using System.Net.Sockets;

namespace StsFtw.Sandbox.Net;

/// <summary>Ports on 127.0.0.1 for the local servers.</summary>
public static class LoopbackPorts
{
    /// <summary>
    /// A port nothing listens on now (bound, then released). Another process may take it before the caller binds it,
    /// so callers that can retry with another port do.
    /// </summary>
    public static int Free()
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
