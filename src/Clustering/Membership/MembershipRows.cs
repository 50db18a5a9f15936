using System.Globalization;
using System.Net;
using Azure.Data.Tables;
using GeoStore.Core.Storage;
using Orleans;
using Orleans.Runtime;

namespace GeoStore.Clustering.Membership;

/// <summary>
/// The rows of one cluster's partition: the version row, one row per silo (RowKey is the silo's
/// parsable address, made table-safe), and the version fence. Every membership change rewrites the
/// version row and the fence in the same entity-group transaction as the silo row it changes.
/// Columns are plain strings and numbers so an operator can read the table in any storage browser.
/// </summary>
internal static class MembershipRows
{
    /// <summary>Sorts before every silo row, so the first page of a partition query always holds it.</summary>
    public const string VersionRow = "!version";

    /// <summary>Sorts after every silo row, so the last page of a partition query always holds it.</summary>
    public const string VersionFence = "~version";

    public const string Version = nameof(Version);
    public const string SiloAddress = nameof(SiloAddress);
    public const string Status = nameof(Status);
    public const string HostName = nameof(HostName);
    public const string SiloName = nameof(SiloName);
    public const string RoleName = nameof(RoleName);
    public const string ProxyPort = nameof(ProxyPort);
    public const string UpdateZone = nameof(UpdateZone);
    public const string FaultZone = nameof(FaultZone);
    public const string StartTime = nameof(StartTime);
    public const string IAmAliveTime = nameof(IAmAliveTime);
    public const string SuspectingSilos = nameof(SuspectingSilos);
    public const string SuspectingTimes = nameof(SuspectingTimes);

    private const char ListSeparator = '|';

    public static string PartitionFor(string clusterId) => TableKeys.Encode(clusterId);

    public static string RowFor(SiloAddress silo) => TableKeys.Encode(silo.ToParsableString());

    public static bool IsSiloRow(string rowKey) => rowKey is not (VersionRow or VersionFence);

    public static TableEntity VersionEntity(string partition, string rowKey, int version) =>
        new(partition, rowKey) { [Version] = version };

    public static int VersionOf(TableEntity row) =>
        row.GetInt32(Version) ?? throw new InvalidOperationException($"Membership row {row.RowKey} carries no {Version}.");

    public static TableEntity ToEntity(string partition, MembershipEntry entry)
    {
        var suspicions = entry.SuspectTimes ?? [];
        return new TableEntity(partition, RowFor(entry.SiloAddress))
        {
            [SiloAddress] = entry.SiloAddress.ToParsableString(),
            [Status] = entry.Status.ToString(),
            [HostName] = entry.HostName,
            [SiloName] = entry.SiloName,
            [RoleName] = entry.RoleName,
            [ProxyPort] = entry.ProxyPort,
            [UpdateZone] = entry.UpdateZone,
            [FaultZone] = entry.FaultZone,
            [StartTime] = FormatTime(entry.StartTime),
            [IAmAliveTime] = FormatTime(entry.IAmAliveTime),
            [SuspectingSilos] = string.Join(ListSeparator, suspicions.Select(s => s.Item1.ToParsableString())),
            [SuspectingTimes] = string.Join(ListSeparator, suspicions.Select(s => FormatTime(s.Item2))),
        };
    }

    /// <summary>Only the heartbeat column, for a merge that leaves every other column alone.</summary>
    public static TableEntity IAmAliveEntity(string partition, MembershipEntry entry) =>
        new(partition, RowFor(entry.SiloAddress)) { [IAmAliveTime] = FormatTime(entry.IAmAliveTime) };

    public static MembershipEntry ToEntry(TableEntity row)
    {
        var entry = new MembershipEntry
        {
            SiloAddress = Orleans.Runtime.SiloAddress.FromParsableString(Required(row, SiloAddress)),
            Status = Enum.Parse<SiloStatus>(Required(row, Status)),
            HostName = row.GetString(HostName) ?? string.Empty,
            SiloName = row.GetString(SiloName) ?? string.Empty,
            RoleName = row.GetString(RoleName),
            ProxyPort = row.GetInt32(ProxyPort) ?? 0,
            UpdateZone = row.GetInt32(UpdateZone) ?? 0,
            FaultZone = row.GetInt32(FaultZone) ?? 0,
            StartTime = ParseTime(row.GetString(StartTime)),
            IAmAliveTime = ParseTime(row.GetString(IAmAliveTime)),
        };

        var silos = Split(row.GetString(SuspectingSilos));
        var times = Split(row.GetString(SuspectingTimes));
        if (silos.Length != times.Length)
        {
            throw new FormatException($"Membership row {row.RowKey} lists {silos.Length} suspecting silos but {times.Length} suspecting times.");
        }

        for (var i = 0; i < silos.Length; i++)
        {
            entry.AddSuspector(Orleans.Runtime.SiloAddress.FromParsableString(silos[i]), ParseTime(times[i]));
        }

        return entry;
    }

    /// <summary>The gateway a client connects to for an active silo row, or null when the silo runs none.</summary>
    public static Uri? GatewayOf(TableEntity row)
    {
        var proxyPort = row.GetInt32(ProxyPort) ?? 0;
        if (proxyPort <= 0)
        {
            return null;
        }

        var silo = Orleans.Runtime.SiloAddress.FromParsableString(Required(row, SiloAddress));
        return Orleans.Runtime.SiloAddress.New(new IPEndPoint(silo.Endpoint.Address, proxyPort), silo.Generation).ToGatewayUri();
    }

    /// <summary>
    /// When anyone last said something about the silo: its start, its last heartbeat or the latest
    /// suspicion of it, as Orleans' own cleanup measures an entry's age.
    /// </summary>
    public static DateTimeOffset LastUpdate(MembershipEntry entry)
    {
        var latest = Utc(entry.StartTime);
        foreach (var time in (entry.SuspectTimes ?? []).Select(s => s.Item2).Append(entry.IAmAliveTime))
        {
            if (Utc(time) > latest)
            {
                latest = Utc(time);
            }
        }

        return new DateTimeOffset(latest);
    }

    // Orleans stamps membership times in UTC; a time without a kind is taken as UTC too.
    private static DateTime Utc(DateTime time) =>
        time.Kind == DateTimeKind.Local ? time.ToUniversalTime() : DateTime.SpecifyKind(time, DateTimeKind.Utc);

    // Round-trip format: the same DateTime (ticks and kind) comes back, and it reads well in a browser.
    private static string FormatTime(DateTime time) => time.ToString("O", CultureInfo.InvariantCulture);

    private static DateTime ParseTime(string? text) =>
        string.IsNullOrEmpty(text) ? default : DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);

    private static string[] Split(string? list) =>
        string.IsNullOrEmpty(list) ? [] : list.Split(ListSeparator);

    private static string Required(TableEntity row, string column) =>
        row.GetString(column) is { Length: > 0 } value ? value : throw new FormatException($"Membership row {row.RowKey} has no {column}.");
}
