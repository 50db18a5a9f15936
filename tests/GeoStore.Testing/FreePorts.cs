using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace GeoStore.Testing;

/// <summary>Loopback ports that are free now and not yet handed out in this test run, so suites can run side by side.</summary>
public static class FreePorts
{
    // Below Linux's ephemeral range (32768+), so outgoing connections do not take them meanwhile.
    private const int Low = 20000;
    private const int High = 32000;

    private static readonly ConcurrentDictionary<int, bool> s_taken = new();

    public static int Take()
    {
        for (var attempt = 0; attempt < 500; attempt++)
        {
            var port = Random.Shared.Next(Low, High);
            if (IsFree(port) && s_taken.TryAdd(port, true))
            {
                return port;
            }
        }

        throw new InvalidOperationException($"No free port found between {Low} and {High}.");
    }

    public static int[] Take(int count) => [.. Enumerable.Range(0, count).Select(_ => Take())];

    private static bool IsFree(int port)
    {
        using var listener = new TcpListener(IPAddress.Loopback, port);
        try
        {
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
        finally
        {
            listener.Stop();
        }
    }
}
