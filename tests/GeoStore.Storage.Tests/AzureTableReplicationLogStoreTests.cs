using Azure.Data.Tables;
using GeoStore.Core.Clocks;
using GeoStore.Core.Replication;
using GeoStore.Core.Versioning;
using GeoStore.Grains.Storage.AzureTables;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Shouldly;

namespace GeoStore.Storage.Tests;

/// <summary>The replication log on Azure Tables, against a real Azurite.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class AzureTableReplicationLogStoreTests(AzuriteFixture azurite)
{
    private static readonly Serializer Serializer = new ServiceCollection()
        .AddSerializer(s => s.AddAssembly(typeof(LogEntry).Assembly))
        .BuildServiceProvider()
        .GetRequiredService<Serializer>();

    private readonly string _region = $"r{Guid.NewGuid():N}"[..12];

    private AzureTableReplicationLogStore Store() =>
        new(region => new TableServiceClient(azurite.Server.ConnectionString).GetTableClient(TableNames.For(region, TableNames.Log)), Serializer);

    private static LogEntry Entry(long sequence, int valueBytes = 16) =>
        new(sequence, "us-east", "default", $"key/{sequence}", new VersionedValue(new WriteVersion(new HybridTimestamp(1000 + sequence, 0), "us-east"), new byte[valueBytes], "text/plain"));

    [Fact]
    public async Task A_shard_keeps_its_incarnation_across_opens()
    {
        var first = await Store().OpenAsync(_region, "shard-0", CancellationToken.None);
        var again = await Store().OpenAsync(_region, "shard-0", CancellationToken.None);

        first.Incarnation.ShouldNotBe(Guid.Empty);
        again.Incarnation.ShouldBe(first.Incarnation);
        again.LastSequence.ShouldBe(0);
    }

    [Fact]
    public async Task A_group_larger_than_one_transaction_is_appended_in_order()
    {
        await Store().OpenAsync(_region, "shard-1", CancellationToken.None);
        await Store().AppendAsync(_region, "shard-1", [.. Enumerable.Range(1, 250).Select(i => Entry(i))], CancellationToken.None);
        await Store().AppendAsync(_region, "shard-1", [Entry(251)], CancellationToken.None);

        var reopened = await Store().OpenAsync(_region, "shard-1", CancellationToken.None);

        reopened.LastSequence.ShouldBe(251);
        reopened.Entries.Select(e => e.Sequence).ShouldBe(Enumerable.Range(1, 251).Select(i => (long)i));
        reopened.Entries[41].Key.ShouldBe("key/42");
    }

    [Fact]
    public async Task An_entry_bigger_than_an_entity_spans_rows_and_reads_back_whole()
    {
        await Store().OpenAsync(_region, "shard-2", CancellationToken.None);
        await Store().AppendAsync(_region, "shard-2", [Entry(1, 1024 * 1024), Entry(2, 10)], CancellationToken.None);

        var reopened = await Store().OpenAsync(_region, "shard-2", CancellationToken.None);

        reopened.Entries.Count.ShouldBe(2);
        reopened.Entries[0].Value.Value!.Length.ShouldBe(1024 * 1024);
        reopened.Entries[1].Sequence.ShouldBe(2);
    }

    [Fact]
    public async Task Compaction_records_acknowledgements_and_drops_entries_everyone_has()
    {
        await Store().OpenAsync(_region, "shard-3", CancellationToken.None);
        await Store().AppendAsync(_region, "shard-3", [.. Enumerable.Range(1, 10).Select(i => Entry(i))], CancellationToken.None);

        await Store().CompactAsync(_region, "shard-3", new Dictionary<string, long> { ["eu-west"] = 7, ["ap-south"] = 4 }, 4, CancellationToken.None);
        var partly = await Store().OpenAsync(_region, "shard-3", CancellationToken.None);

        partly.Entries.Select(e => e.Sequence).ShouldBe([5L, 6L, 7L, 8L, 9L, 10L]);
        partly.Acknowledged["eu-west"].ShouldBe(7);
        partly.Acknowledged["ap-south"].ShouldBe(4);

        await Store().CompactAsync(_region, "shard-3", new Dictionary<string, long> { ["eu-west"] = 10, ["ap-south"] = 10 }, 10, CancellationToken.None);
        var empty = await Store().OpenAsync(_region, "shard-3", CancellationToken.None);

        empty.Entries.ShouldBeEmpty();
        empty.LastSequence.ShouldBe(10, "the position survives even when every entry is dropped");
    }
}
