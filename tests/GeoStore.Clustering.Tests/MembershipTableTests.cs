using System.Net;
using Azure.Data.Tables;
using GeoStore.Clustering.Membership;
using GeoStore.Core.Storage;
using GeoStore.Testing;
using Orleans.Runtime;
using Shouldly;

namespace GeoStore.Clustering.Tests;

/// <summary>
/// The membership table contract Orleans relies on (modeled on Orleans' MembershipTableTestsBase),
/// against a real Azurite: every change is conditional on the table version and the row's ETag.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class MembershipTableTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_new_cluster_reads_as_no_silos_at_version_zero()
    {
        var table = await MembershipTables.InitializedAsync(azurite);

        var data = await table.ReadAll();

        data.Members.ShouldBeEmpty();
        data.Version.Version.ShouldBe(0);
        data.Version.VersionEtag.ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public async Task Many_silos_initializing_at_once_create_one_version_row()
    {
        var clusterId = MembershipTables.NewClusterId();

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => MembershipTables.InitializedAsync(azurite, clusterId)));

        var reader = MembershipTables.Create(azurite, clusterId);
        await reader.InitializeMembershipTable(tryInitTableVersion: false);
        var data = await reader.ReadAll();
        data.Version.Version.ShouldBe(0);
        data.Members.ShouldBeEmpty();
    }

    [Fact]
    public async Task An_inserted_silo_reads_back_whole_at_the_next_version()
    {
        var table = await MembershipTables.InitializedAsync(azurite);
        var entry = Members.NewEntry();
        entry.RoleName = "role";
        entry.UpdateZone = 2;
        entry.FaultZone = 3;
        entry.AddSuspector(Members.NewSiloAddress(), Members.NowToTheSecond().AddSeconds(1));
        entry.AddSuspector(Members.NewSiloAddress(), Members.NowToTheSecond().AddSeconds(2));
        var before = await table.ReadAll();

        (await table.InsertRow(entry, before.Version.Next())).ShouldBeTrue();

        var after = await table.ReadAll();
        after.Version.Version.ShouldBe(1);
        after.Version.VersionEtag.ShouldNotBe(before.Version.VersionEtag);
        var (read, etag) = after.Members.ShouldHaveSingleItem();
        read.ToFullString().ShouldBe(entry.ToFullString());
        etag.ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public async Task Inserting_a_silo_that_is_already_there_fails_even_at_the_current_version()
    {
        var table = await MembershipTables.InitializedAsync(azurite);
        var entry = Members.NewEntry();
        (await table.InsertRow(entry, (await table.ReadAll()).Version.Next())).ShouldBeTrue();

        (await table.InsertRow(entry, (await table.ReadAll()).Version.Next())).ShouldBeFalse();

        var data = await table.ReadAll();
        data.Members.ShouldHaveSingleItem();
        data.Version.Version.ShouldBe(1, "a failed insert changes no version");
    }

    [Fact]
    public async Task Inserting_with_a_table_version_someone_else_already_moved_fails()
    {
        var table = await MembershipTables.InitializedAsync(azurite);
        var stale = (await table.ReadAll()).Version.Next();
        (await table.InsertRow(Members.NewEntry(), stale)).ShouldBeTrue();

        (await table.InsertRow(Members.NewEntry(), stale)).ShouldBeFalse();

        (await table.ReadAll()).Members.Count.ShouldBe(1);
    }

    [Fact]
    public async Task Updating_with_a_stale_row_etag_fails()
    {
        var table = await MembershipTables.InitializedAsync(azurite);
        var entry = Members.NewEntry();
        (await table.InsertRow(entry, (await table.ReadAll()).Version.Next())).ShouldBeTrue();
        var read = await table.ReadAll();
        var etag = read.TryGet(entry.SiloAddress).ShouldNotBeNull().Item2;
        entry.Status = SiloStatus.Active;
        (await table.UpdateRow(entry, etag, read.Version.Next())).ShouldBeTrue();

        // The version is current, but the row changed since this ETag was read.
        entry.Status = SiloStatus.ShuttingDown;
        (await table.UpdateRow(entry, etag, (await table.ReadAll()).Version.Next())).ShouldBeFalse();

        var after = await table.ReadAll();
        after.TryGet(entry.SiloAddress).ShouldNotBeNull().Item1.Status.ShouldBe(SiloStatus.Active);
        after.Version.Version.ShouldBe(2);
    }

    [Fact]
    public async Task Updating_with_a_stale_table_version_fails_even_with_the_current_row_etag()
    {
        var table = await MembershipTables.InitializedAsync(azurite);
        var entry = Members.NewEntry();
        var inserted = (await table.ReadAll()).Version.Next();
        (await table.InsertRow(entry, inserted)).ShouldBeTrue();
        var etag = (await table.ReadAll()).TryGet(entry.SiloAddress).ShouldNotBeNull().Item2;

        entry.Status = SiloStatus.Active;
        (await table.UpdateRow(entry, etag, inserted)).ShouldBeFalse();

        var after = await table.ReadAll();
        after.TryGet(entry.SiloAddress).ShouldNotBeNull().Item1.Status.ShouldBe(SiloStatus.Joining);
        after.TryGet(entry.SiloAddress)!.Item2.ShouldBe(etag, "a failed update leaves the row as it was");
    }

    [Fact]
    public async Task An_update_with_the_current_etag_and_version_replaces_the_row()
    {
        var table = await MembershipTables.InitializedAsync(azurite);
        var entry = Members.NewEntry();
        (await table.InsertRow(entry, (await table.ReadAll()).Version.Next())).ShouldBeTrue();
        var read = await table.ReadAll();

        entry.Status = SiloStatus.Dead;
        entry.AddSuspector(Members.NewSiloAddress(), Members.NowToTheSecond());
        (await table.UpdateRow(entry, read.TryGet(entry.SiloAddress)!.Item2, read.Version.Next())).ShouldBeTrue();

        var after = await table.ReadAll();
        after.Version.Version.ShouldBe(2);
        after.TryGet(entry.SiloAddress).ShouldNotBeNull().Item1.ToFullString().ShouldBe(entry.ToFullString());
    }

    [Fact]
    public async Task Of_many_silos_changing_the_table_from_one_version_exactly_one_wins_each_round()
    {
        var table = await MembershipTables.InitializedAsync(azurite);
        var entry = Members.NewEntry();
        var version = (await table.ReadAll()).Version.Next();

        var inserts = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => table.InsertRow(entry, version)));
        inserts.Count(ok => ok).ShouldBe(1);

        // Ten writers each keep re-reading until their own update lands: ten more versions, none lost.
        await Task.WhenAll(Enumerable.Range(0, 10).Select(async _ =>
        {
            await Eventually.HoldsAsync(async () =>
            {
                var read = await table.ReadAll();
                var (current, etag) = read.TryGet(entry.SiloAddress)!;
                return await table.UpdateRow(current, etag, read.Version.Next());
            }, "an update lands after re-reading", TimeSpan.FromSeconds(30));
        }));

        var after = await table.ReadAll();
        after.Version.Version.ShouldBe(11);
        after.Members.ShouldHaveSingleItem();
    }

    [Fact]
    public async Task A_heartbeat_moves_only_the_i_am_alive_time()
    {
        var table = await MembershipTables.InitializedAsync(azurite);
        var entry = Members.NewEntry(SiloStatus.Active);
        (await table.InsertRow(entry, (await table.ReadAll()).Version.Next())).ShouldBeTrue();
        var alive = Members.NowToTheSecond().AddSeconds(5);

        // What the membership agent sends: the address and the time, nothing else.
        await table.UpdateIAmAlive(new MembershipEntry { SiloAddress = entry.SiloAddress, IAmAliveTime = alive });

        var after = await table.ReadAll();
        var read = after.TryGet(entry.SiloAddress).ShouldNotBeNull().Item1;
        read.IAmAliveTime.ShouldBe(alive);
        read.Status.ShouldBe(SiloStatus.Active);
        read.SiloName.ShouldBe(entry.SiloName);
        after.Version.Version.ShouldBe(1, "a heartbeat is not a membership change");
    }

    [Fact]
    public async Task A_heartbeat_of_a_removed_silo_fails_and_does_not_bring_it_back()
    {
        var table = await MembershipTables.InitializedAsync(azurite);

        await Should.ThrowAsync<Azure.RequestFailedException>(() =>
            table.UpdateIAmAlive(new MembershipEntry { SiloAddress = Members.NewSiloAddress(), IAmAliveTime = DateTime.UtcNow }));

        (await table.ReadAll()).Members.ShouldBeEmpty();
    }

    [Fact]
    public async Task Reading_one_silo_returns_it_with_the_table_version()
    {
        var table = await MembershipTables.InitializedAsync(azurite);
        var entry = Members.NewEntry();
        var other = Members.NewEntry();
        (await table.InsertRow(entry, (await table.ReadAll()).Version.Next())).ShouldBeTrue();
        (await table.InsertRow(other, (await table.ReadAll()).Version.Next())).ShouldBeTrue();

        var row = await table.ReadRow(entry.SiloAddress);

        row.Version.Version.ShouldBe(2);
        var (read, etag) = row.Members.ShouldHaveSingleItem();
        read.SiloAddress.ShouldBe(entry.SiloAddress);
        etag.ShouldBe((await table.ReadAll()).TryGet(entry.SiloAddress)!.Item2);
    }

    [Fact]
    public async Task Reading_a_silo_that_is_not_there_returns_only_the_table_version()
    {
        var table = await MembershipTables.InitializedAsync(azurite);

        var row = await table.ReadRow(Members.NewSiloAddress());

        row.Members.ShouldBeEmpty();
        row.Version.Version.ShouldBe(0);
    }

    [Fact]
    public async Task Silos_on_ipv6_addresses_with_scope_ids_get_safe_keys_and_round_trip()
    {
        var table = await MembershipTables.InitializedAsync(azurite);
        var loopback = Members.NewEntry(silo: Members.NewSiloAddress(IPAddress.IPv6Loopback));
        var linkLocal = Members.NewEntry(silo: Members.NewSiloAddress(IPAddress.Parse("fe80::1%2")));

        foreach (var entry in new[] { loopback, linkLocal })
        {
            TableKeys.IsValidKey(MembershipRows.RowFor(entry.SiloAddress)).ShouldBeTrue();
            (await table.InsertRow(entry, (await table.ReadAll()).Version.Next())).ShouldBeTrue();
        }

        var data = await table.ReadAll();
        data.TryGet(loopback.SiloAddress).ShouldNotBeNull().Item1.ToFullString().ShouldBe(loopback.ToFullString());
        data.TryGet(linkLocal.SiloAddress).ShouldNotBeNull().Item1.ToFullString().ShouldBe(linkLocal.ToFullString());
        (await table.ReadRow(linkLocal.SiloAddress)).Members.ShouldHaveSingleItem();
    }

    [Fact]
    public async Task A_cluster_too_large_for_one_page_reads_whole()
    {
        var clusterId = MembershipTables.NewClusterId();
        var table = await MembershipTables.InitializedAsync(azurite, clusterId);
        var entries = Enumerable.Range(0, 1_250).Select(_ => Members.NewEntry(SiloStatus.Dead)).ToList();

        // Fill the partition directly (Orleans would take 1,250 changes to get here).
        var client = new TableServiceClient(azurite.Server.ConnectionString).GetTableClient(AzureTableClusteringOptions.DefaultTableName);
        var partition = MembershipRows.PartitionFor(clusterId);
        foreach (var batch in entries.Chunk(100))
        {
            await client.SubmitTransactionAsync(batch.Select(e => new TableTransactionAction(TableTransactionActionType.Add, MembershipRows.ToEntity(partition, e))));
        }

        var data = await table.ReadAll();

        data.Members.Count.ShouldBe(entries.Count);
        data.Version.Version.ShouldBe(0);
        var newcomer = Members.NewEntry();
        (await table.InsertRow(newcomer, data.Version.Next())).ShouldBeTrue();
        (await table.ReadAll()).Members.Count.ShouldBe(entries.Count + 1);
    }

    [Fact]
    public async Task Deleting_a_cluster_removes_all_its_rows_and_no_other_cluster_s()
    {
        var doomedId = MembershipTables.NewClusterId();
        var doomed = await MembershipTables.InitializedAsync(azurite, doomedId);
        var kept = await MembershipTables.InitializedAsync(azurite);
        for (var i = 0; i < 3; i++)
        {
            (await doomed.InsertRow(Members.NewEntry(), (await doomed.ReadAll()).Version.Next())).ShouldBeTrue();
        }

        (await kept.InsertRow(Members.NewEntry(), (await kept.ReadAll()).Version.Next())).ShouldBeTrue();

        await doomed.DeleteMembershipTableEntries(doomedId);

        await Should.ThrowAsync<InvalidOperationException>(() => doomed.ReadAll());
        (await kept.ReadAll()).Members.ShouldHaveSingleItem();
    }

    [Fact]
    public async Task Cleanup_removes_silos_that_are_not_active_and_were_last_updated_before_the_date()
    {
        var table = await MembershipTables.InitializedAsync(azurite);
        var old = new List<MembershipEntry>();
        foreach (var status in Enum.GetValues<SiloStatus>())
        {
            var entry = Members.NewEntry(status);
            entry.StartTime = entry.StartTime.AddDays(-10);
            entry.IAmAliveTime = entry.IAmAliveTime.AddDays(-10);
            old.Add(entry);
        }

        var recentlyDead = Members.NewEntry(SiloStatus.Dead);
        var joining = Members.NewEntry(SiloStatus.Joining);

        // Silent for ten days, but suspected just now: Orleans counts the vote as an update.
        var recentlySuspected = Members.NewEntry(SiloStatus.Dead);
        recentlySuspected.StartTime = recentlySuspected.StartTime.AddDays(-10);
        recentlySuspected.IAmAliveTime = recentlySuspected.IAmAliveTime.AddDays(-10);
        recentlySuspected.AddSuspector(Members.NewSiloAddress(), Members.NowToTheSecond());
        foreach (var entry in old.Append(recentlyDead).Append(joining).Append(recentlySuspected))
        {
            (await table.InsertRow(entry, (await table.ReadAll()).Version.Next())).ShouldBeTrue();
        }

        await table.CleanupDefunctSiloEntries(DateTimeOffset.UtcNow.AddDays(-7));

        var left = (await table.ReadAll()).Members.Select(m => m.Item1.SiloAddress).ToList();
        left.ShouldBe(
            [old.Single(e => e.Status == SiloStatus.Active).SiloAddress, recentlyDead.SiloAddress, joining.SiloAddress, recentlySuspected.SiloAddress],
            ignoreOrder: true);
    }
}
