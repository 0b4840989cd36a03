using System.Net;
using System.Net.Sockets;

namespace Platform.Testing.Containers;

/// <summary>Free TCP ports on 127.0.0.1 for the local servers the tests start.</summary>
public static class LoopbackPort
{
    /// <summary>A port nothing listens on right now (the OS picks it; a race with another process is possible but rare).</summary>
    public static int Free()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)listener.LocalEndPoint!).Port;
    }
}
