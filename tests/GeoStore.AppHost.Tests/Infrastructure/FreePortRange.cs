using System.Net;
using System.Net.Sockets;

namespace GeoStore.AppHost.Tests.Infrastructure;

/// <summary>Runs of consecutive ports that are free right now, for the AppHost's <c>--base-port</c>.</summary>
public static class FreePortRange
{
    // Below Linux's ephemeral range (32768+), so outgoing connections do not take them meanwhile.
    private const int Low = 20000;
    private const int High = 32000;

    /// <returns>The first of <paramref name="count"/> consecutive free loopback ports.</returns>
    public static int Find(int count)
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var first = Random.Shared.Next(Low, High - count);
            if (Enumerable.Range(first, count).All(IsFree))
            {
                return first;
            }
        }

        throw new InvalidOperationException($"No {count} consecutive free ports found between {Low} and {High}.");
    }

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
