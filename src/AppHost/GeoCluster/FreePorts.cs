using System.Net;
using System.Net.Sockets;

namespace GeoStore.AppHost.GeoCluster;

/// <summary>Ports that nothing listens on right now, as the operating system hands them out.</summary>
public static class FreePorts
{
    /// <summary>
    /// Ports never handed out even when free: Azurite's defaults (blob, queue, table), which a
    /// developer's own emulator may take at any moment.
    /// </summary>
    public static readonly IReadOnlySet<int> Reserved = new HashSet<int> { 10000, 10001, 10002 };

    /// <summary>Takes <paramref name="count"/> distinct free loopback ports, none of them <see cref="Reserved"/>.</summary>
    public static IReadOnlyList<int> Take(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);

        // Holding every listener until all are bound keeps the system from handing out a port twice.
        var listeners = new List<TcpListener>(count);
        var ports = new List<int>(count);
        try
        {
            while (ports.Count < count)
            {
                var listener = new TcpListener(IPAddress.Loopback, 0);
                listeners.Add(listener);
                listener.Start();
                var port = ((IPEndPoint)listener.LocalEndpoint).Port;
                if (!Reserved.Contains(port))
                {
                    ports.Add(port);
                }
            }

            return ports;
        }
        finally
        {
            foreach (var listener in listeners)
            {
                listener.Stop();
                listener.Dispose();
            }
        }
    }
}
