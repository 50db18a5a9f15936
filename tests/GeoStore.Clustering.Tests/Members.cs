using System.Net;
using Orleans.Runtime;

namespace GeoStore.Clustering.Tests;

/// <summary>Membership entries for tests, as a joining silo writes them (times to the second, as Orleans' own tests use).</summary>
internal static class Members
{
    private static int s_generation = Environment.TickCount & 0xFFFFF;

    public static SiloAddress NewSiloAddress(IPAddress? address = null, int port = 12345) =>
        SiloAddress.New(new IPEndPoint(address ?? IPAddress.Loopback, port), Interlocked.Increment(ref s_generation));

    public static MembershipEntry NewEntry(SiloStatus status = SiloStatus.Joining, SiloAddress? silo = null)
    {
        var address = silo ?? NewSiloAddress();
        return new MembershipEntry
        {
            SiloAddress = address,
            HostName = "test-host",
            SiloName = $"silo-{address.Generation}",
            Status = status,
            ProxyPort = 30000,
            StartTime = NowToTheSecond(),
            IAmAliveTime = NowToTheSecond(),
        };
    }

    public static DateTime NowToTheSecond()
    {
        var now = DateTime.UtcNow;
        return new DateTime(now.Year, now.Month, now.Day, now.Hour, now.Minute, now.Second, DateTimeKind.Utc);
    }
}
