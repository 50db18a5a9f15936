using GeoStore.Abstractions.Grains;
using GeoStore.Clustering.Hosting;
using GeoStore.Clustering.Tests.Processes;
using GeoStore.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Orleans.Runtime;
using Shouldly;

namespace GeoStore.Clustering.Tests;

/// <summary>
/// Real silo processes, one per region, that find each other only through the Azure Table membership
/// table: no silo is primary, so killing any one leaves the others serving, and a restarted one rejoins.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class SiloProcessClusterTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    private static readonly string[] Regions = ["us-east", "eu-west", "ap-south"];

    // Two missed 2 s probes and one vote declare a silo dead in about 6 s; allow for a loaded machine.
    private static readonly TimeSpan DeathDeadline = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan StartDeadline = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Killing_any_one_silo_process_leaves_the_others_running_and_a_restarted_one_rejoins()
    {
        await using var cluster = new SiloCluster(azurite.Server.ConnectionString, Regions);
        var silos = Regions.Select(cluster.Start).ToList();
        await AllActiveAsync(cluster, silos, "every silo joins the cluster");
        using var client = await StartClientAsync(cluster);
        var grains = client.Services.GetRequiredService<IClusterClient>();
        await EveryRegionServesAsync(grains, "every region serves before any kill");

        // Kill each region's silo in turn, the first one (a development cluster's primary) first.
        for (var i = 0; i < silos.Count; i++)
        {
            var victim = silos[i];
            await victim.KillAsync();

            var deadAfter = await HoldsAsync(cluster, async () =>
            {
                var statuses = await cluster.ReadStatusesAsync();
                return statuses.GetValueOrDefault(victim.SiloPort) == SiloStatus.Dead
                    && silos.Where(s => s != victim).All(s => statuses.GetValueOrDefault(s.SiloPort) == SiloStatus.Active);
            }, $"the table shows the killed {victim} Dead and the others Active", DeathDeadline);
            output.WriteLine($"{victim} declared dead {deadAfter.TotalSeconds:0.0} s after the kill");

            foreach (var survivor in silos.Where(s => s != victim))
            {
                survivor.HasExited.ShouldBeFalse($"{survivor} keeps running after {victim} was killed{Environment.NewLine}{survivor.Tail}");
            }

            foreach (var region in Regions.Where(r => r != victim.Region))
            {
                await HoldsAsync(cluster, async () => (await grains.GetGrain<IRegionGrain>(region).GetStatus()).Region == region,
                    $"{region} still serves after {victim} was killed", DeathDeadline);
            }

            var restarted = cluster.Start(victim.Region);
            silos[i] = restarted;
            await AllActiveAsync(cluster, silos, $"the restarted {restarted} joins the cluster");
            await EveryRegionServesAsync(grains, $"{victim.Region} serves again after its silo restarted");
        }
    }

    private static async Task AllActiveAsync(SiloCluster cluster, IReadOnlyList<SiloProcess> silos, string description) =>
        await HoldsAsync(cluster, async () =>
        {
            foreach (var silo in silos)
            {
                if (silo.HasExited)
                {
                    throw new InvalidOperationException($"{silo} exited.");
                }
            }

            var statuses = await cluster.ReadStatusesAsync();
            return silos.All(s => statuses.GetValueOrDefault(s.SiloPort) == SiloStatus.Active);
        }, description, StartDeadline);

    private static async Task EveryRegionServesAsync(IClusterClient grains, string description) =>
        await Eventually.HoldsAsync(async () =>
        {
            foreach (var region in Regions)
            {
                if ((await grains.GetGrain<IRegionGrain>(region).GetStatus()).Region != region)
                {
                    return false;
                }
            }

            return true;
        }, description, StartDeadline);

    /// <summary>Polls like <see cref="Eventually"/>, and on a timeout says what the table and every silo show.</summary>
    private static async Task<TimeSpan> HoldsAsync(SiloCluster cluster, Func<Task<bool>> condition, string description, TimeSpan deadline)
    {
        try
        {
            return await Eventually.HoldsAsync(condition, description, deadline, TimeSpan.FromMilliseconds(250));
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException($"{ex.Message}{Environment.NewLine}{await cluster.DescribeAsync()}", ex);
        }
    }

    private static async Task<IHost> StartClientAsync(SiloCluster cluster)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = cluster.ClusterId;
                o.ServiceId = cluster.ServiceId;
            });
            client.UseAzureTableClustering(o => o.ConnectionString = cluster.ConnectionString);
            client.Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = TimeSpan.FromSeconds(1));
            client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(10));
        });
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }
}
