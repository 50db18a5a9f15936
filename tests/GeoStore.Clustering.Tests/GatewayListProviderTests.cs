using Orleans.Runtime;
using Shouldly;

namespace GeoStore.Clustering.Tests;

/// <summary>What a client learns from the membership table: where its cluster's live gateways are.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class GatewayListProviderTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Only_active_silos_with_a_gateway_port_are_gateways()
    {
        var clusterId = MembershipTables.NewClusterId();
        var table = await MembershipTables.InitializedAsync(azurite, clusterId);
        var entries = Enumerable.Range(0, 10).Select(_ => Members.NewEntry()).ToArray();
        entries[3].Status = SiloStatus.Active;
        entries[3].ProxyPort = 0;
        entries[5].Status = SiloStatus.Active;
        entries[7].Status = SiloStatus.Dead;
        entries[9].Status = SiloStatus.Active;
        foreach (var entry in entries)
        {
            (await table.InsertRow(entry, (await table.ReadAll()).Version.Next())).ShouldBeTrue();
        }

        var gateways = await (await MembershipTables.GatewaysAsync(azurite, clusterId)).GetGateways();

        gateways.Select(g => g.ToString()).ShouldBe(
            [GatewayOf(entries[5]), GatewayOf(entries[9])],
            ignoreOrder: true);
    }

    [Fact]
    public async Task Another_cluster_s_gateways_are_not_listed()
    {
        var mine = MembershipTables.NewClusterId();
        var theirs = await MembershipTables.InitializedAsync(azurite);
        (await theirs.InsertRow(Members.NewEntry(SiloStatus.Active), (await theirs.ReadAll()).Version.Next())).ShouldBeTrue();
        await MembershipTables.InitializedAsync(azurite, mine);

        (await (await MembershipTables.GatewaysAsync(azurite, mine)).GetGateways()).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_client_that_starts_before_any_silo_created_the_table_sees_no_gateways_yet()
    {
        var provider = await MembershipTables.GatewaysAsync(azurite, MembershipTables.NewClusterId(), tableName: $"gsmissing{Guid.NewGuid():N}"[..30]);

        (await provider.GetGateways()).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_silo_that_stops_being_active_drops_out_of_the_list()
    {
        var clusterId = MembershipTables.NewClusterId();
        var table = await MembershipTables.InitializedAsync(azurite, clusterId);
        var entry = Members.NewEntry(SiloStatus.Active);
        (await table.InsertRow(entry, (await table.ReadAll()).Version.Next())).ShouldBeTrue();
        var provider = await MembershipTables.GatewaysAsync(azurite, clusterId);
        (await provider.GetGateways()).ShouldHaveSingleItem();

        var read = await table.ReadAll();
        entry.Status = SiloStatus.Dead;
        (await table.UpdateRow(entry, read.TryGet(entry.SiloAddress)!.Item2, read.Version.Next())).ShouldBeTrue();

        (await provider.GetGateways()).ShouldBeEmpty();
    }

    private static string GatewayOf(MembershipEntry entry) =>
        SiloAddress.New(new System.Net.IPEndPoint(entry.SiloAddress.Endpoint.Address, entry.ProxyPort), entry.SiloAddress.Generation).ToGatewayUri().ToString();
}
