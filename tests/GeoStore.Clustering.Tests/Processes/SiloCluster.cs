using GeoStore.Clustering.Membership;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Runtime;

namespace GeoStore.Clustering.Tests.Processes;

/// <summary>
/// Silo processes of one cluster (a fresh cluster id) whose membership lives in an Azure Table, and a
/// reader of that table to watch them. Disposing it kills every process it started.
/// </summary>
public sealed class SiloCluster : IAsyncDisposable
{
    private readonly List<SiloProcess> _silos = [];
    private readonly AzureTableMembershipTable _table;
    private readonly Lazy<Task> _tableReady;

    public SiloCluster(string connectionString, IReadOnlyList<string> regions)
    {
        ConnectionString = connectionString;
        Regions = regions;
        ClusterId = $"cluster-{Guid.NewGuid():N}";
        ServiceId = $"service-{Guid.NewGuid():N}";
        _table = new AzureTableMembershipTable(
            Options.Create(new AzureTableClusteringOptions { ConnectionString = connectionString }),
            Options.Create(new ClusterOptions { ClusterId = ClusterId, ServiceId = ServiceId }),
            NullLogger<AzureTableMembershipTable>.Instance);
        _tableReady = new Lazy<Task>(() => _table.InitializeMembershipTable(tryInitTableVersion: false));
    }

    public string ConnectionString { get; }

    public IReadOnlyList<string> Regions { get; }

    public string ClusterId { get; }

    public string ServiceId { get; }

    /// <summary>Every silo process started so far, killed or not.</summary>
    public IReadOnlyList<SiloProcess> Silos => _silos;

    public SiloProcess Start(string region)
    {
        var silo = SiloProcess.Start(this, region);
        _silos.Add(silo);
        return silo;
    }

    /// <summary>The membership table's view: each silo's status by its silo port, or empty before any silo wrote it.</summary>
    public async Task<IReadOnlyDictionary<int, SiloStatus>> ReadStatusesAsync()
    {
        await _tableReady.Value;
        try
        {
            var data = await _table.ReadAll();

            // A port is reused only by a later generation; the newest entry per port is the one that counts.
            return data.Members
                .Select(m => m.Item1)
                .GroupBy(e => e.SiloAddress.Endpoint.Port)
                .ToDictionary(g => g.Key, g => g.MaxBy(e => e.SiloAddress.Generation)!.Status);
        }
        catch (InvalidOperationException)
        {
            return new Dictionary<int, SiloStatus>();
        }
    }

    /// <summary>What went wrong, for a failed wait: the table's view and what every silo printed last.</summary>
    public async Task<string> DescribeAsync()
    {
        var statuses = await ReadStatusesAsync();
        var lines = _silos.Select(s =>
            $"{s}: {(s.HasExited ? "exited" : "running")}, table says {(statuses.TryGetValue(s.SiloPort, out var status) ? status : "nothing")}{Environment.NewLine}{s.Tail}");
        return string.Join(Environment.NewLine, lines);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var silo in _silos)
        {
            await silo.DisposeAsync();
        }
    }
}
