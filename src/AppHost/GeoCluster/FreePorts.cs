using System.Net;
using System.Net.Sockets;

namespace GeoStore.AppHost.GeoCluster;

/// <summary>Ports that nothing listens on right now, as the operating system hands them out.</summary>
public static class FreePorts
{
    /// <summary>Takes <paramref name="count"/> distinct free loopback ports.</summary>
    public static IReadOnlyList<int> Take(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);

        // Holding every listener until all are bound keeps the system from handing out a port twice.
        var listeners = new List<TcpListener>(count);
        try
        {
            for (var i = 0; i < count; i++)
            {
                var listener = new TcpListener(IPAddress.Loopback, 0);
                listeners.Add(listener);
                listener.Start();
            }

            return [.. listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port)];
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
