using System.Globalization;
using GeoStore.Abstractions.Messages;

namespace GeoStore.Api.Apis;

/// <summary>What the answers of SingleLeader keyspaces say about leadership, replication and lag.</summary>
public static class LeaderHeaders
{
    /// <summary>The epoch (fencing token) the write was made under, or the read's replica holds.</summary>
    public const string EpochHeader = "GeoStore-Epoch";

    /// <summary>The leader region of that epoch.</summary>
    public const string LeaderHeader = "GeoStore-Leader";

    /// <summary>What the write waited for: <c>Async</c>, <c>SemiSync(1)</c>, <c>Sync</c>.</summary>
    public const string ReplicationHeader = "GeoStore-Replication";

    /// <summary>The followers that had received and applied the write when it was acknowledged.</summary>
    public const string FollowersHeader = "GeoStore-Followers";

    /// <summary><c>true</c> when a SemiSync write was acknowledged as Async after its timeout.</summary>
    public const string DegradedHeader = "GeoStore-Degraded";

    /// <summary>Entries of the leader's log (the key's shard) the serving replica knows of and has not applied.</summary>
    public const string LagEntriesHeader = "GeoStore-Lag-Entries";

    /// <summary>Milliseconds since the serving replica last heard from its leader (absent when it has not since it started).</summary>
    public const string LagContactHeader = "GeoStore-Lag-Contact-Ms";

    public static void DescribeWrite(HttpContext http, LeaderAnswer? answer)
    {
        if (answer is null)
        {
            return;
        }

        var headers = http.Response.Headers;
        var reach = answer.Reach;
        headers[EpochHeader] = reach.Epoch.Number.ToString(CultureInfo.InvariantCulture);
        headers[LeaderHeader] = reach.Epoch.Leader;
        headers[KeyValueApi.LogPositionHeader] = answer.Position;
        headers[ReplicationHeader] = answer.Requirement.ToString();
        headers[FollowersHeader] = string.Join(",", reach.Applied.Union(reach.Received).Order(StringComparer.Ordinal));
        if (reach.Degraded)
        {
            headers[DegradedHeader] = "true";
        }
    }

    public static void DescribeRead(HttpContext http, FollowerLag? lag)
    {
        if (lag is null)
        {
            return;
        }

        var headers = http.Response.Headers;
        headers[EpochHeader] = lag.Epoch.Number.ToString(CultureInfo.InvariantCulture);
        headers[LeaderHeader] = lag.Epoch.Leader;
        headers[LagEntriesHeader] = lag.EntriesBehind.ToString(CultureInfo.InvariantCulture);
        if (lag.MillisecondsSinceContact is { } ms)
        {
            headers[LagContactHeader] = ms.ToString(CultureInfo.InvariantCulture);
        }
    }
}
