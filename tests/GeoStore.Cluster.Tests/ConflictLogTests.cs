using System.Text;
using GeoStore.Abstractions.Errors;
using GeoStore.Abstractions.Messages;
using GeoStore.Core.Keyspaces;
using GeoStore.Core.Resolution;
using GeoStore.Grains.Conflicts.Samples;
using GeoStore.Testing;
using Shouldly;

namespace GeoStore.Cluster.Tests;

/// <summary>Concurrent writes that a resolver settles are recorded, with their losers; causal overwrites are not.</summary>
public sealed class ConflictLogTests(ThreeRegionFixture fixture) : IClassFixture<ThreeRegionFixture>
{
    private const string East = "us-east", West = "eu-west", South = "ap-south";

    private GeoCluster Geo => fixture.Geo;

    private async Task<string> KeyspaceAsync(ConflictResolver resolver = ConflictResolver.Lww, string? custom = null)
    {
        var name = $"conflicts-{Guid.NewGuid():N}"[..30];
        await Geo.PutKeyspaceAsync(name, new KeyspacePolicy(ReplicationMode.MultiLeader, [East, West, South], resolver, CustomResolver: custom));
        return name;
    }

    private async Task ConvergedAsync(string keyspace, string key, string expected)
    {
        foreach (var region in Geo.Regions)
        {
            await Eventually.HoldsAsync(async () => await Geo.GetAsync(region, keyspace, key) == expected, $"{region} converges on '{expected}'");
        }
    }

    [Fact]
    public async Task Lww_records_the_concurrent_write_it_discards()
    {
        var keyspace = await KeyspaceAsync();
        WriteResult east, west;
        await Geo.CutAsync(East, West);
        try
        {
            east = await Geo.PutAsync(East, keyspace, "k", "east");
            west = await Geo.PutAsync(West, keyspace, "k", "west");
        }
        finally
        {
            await Geo.HealAsync(East, West);
        }

        var (winner, loser) = east.Version!.CompareTo(west.Version!) > 0 ? (east, west) : (west, east);
        await ConvergedAsync(keyspace, "k", winner == east ? "east" : "west");

        await Eventually.HoldsAsync(async () => (await Geo.ConflictsAsync(keyspace)).Any(c => c.Losers.Any(l => l.Version == loser.Version)), "the loser is in the conflict log");
        var record = (await Geo.ConflictsAsync(keyspace)).First(c => c.Losers.Any(l => l.Version == loser.Version));
        record.Key.ShouldBe("k");
        record.Resolver.ShouldBe("lww");
        record.Kind.ShouldBe(ConflictKind.Discarded);
        record.Winner.ShouldBe(winner.Version);
        record.Regions.ShouldBe([East, West], ignoreOrder: true);
        Encoding.UTF8.GetString(record.Losers.Single().Value!).ShouldBe(loser == east ? "east" : "west");
    }

    [Fact]
    public async Task A_write_that_saw_the_current_value_is_a_causal_overwrite_not_a_conflict()
    {
        var keyspace = await KeyspaceAsync();
        await Geo.PutAsync(East, keyspace, "k", "first");
        await ConvergedAsync(keyspace, "k", "first");
        await Geo.PutAsync(South, keyspace, "k", "second");
        await ConvergedAsync(keyspace, "k", "second");
        await Geo.PutAsync(West, keyspace, "k", "third");
        await ConvergedAsync(keyspace, "k", "third");

        // ap-south's clock runs 5 s fast, so "second" carries a later wall time than "third" would
        // without the hybrid clock; the overwrite still wins, and nothing was in conflict.
        (await Geo.ConflictsAsync(keyspace)).ShouldBeEmpty();
    }

    [Fact]
    public async Task The_flight_booking_resolver_keeps_a_lower_seat_over_a_later_higher_one()
    {
        var keyspace = await KeyspaceAsync(ConflictResolver.Custom, FlightSeatResolver.ResolverName);
        await Geo.CutAsync(East, West);
        try
        {
            await Geo.Coordinator(East).Write(Booking(keyspace, "GS102/upgrade", "Ada", "14C"));
            await Geo.Coordinator(West).Write(Booking(keyspace, "GS102/upgrade", "Bob", "3A"));
        }
        finally
        {
            await Geo.HealAsync(East, West);
        }

        foreach (var region in Geo.Regions)
        {
            await Eventually.HoldsAsync(
                async () => (await Geo.GetAsync(region, keyspace, "GS102/upgrade"))?.Contains("3A", StringComparison.Ordinal) == true,
                $"{region} keeps the lower-numbered seat");
        }
    }

    [Fact]
    public async Task The_flight_booking_resolver_keeps_the_first_booking_of_the_last_seat_and_logs_the_other()
    {
        var keyspace = await KeyspaceAsync(ConflictResolver.Custom, FlightSeatResolver.ResolverName);
        WriteResult ada, bob;
        await Geo.CutAsync(East, West);
        try
        {
            ada = await Geo.Coordinator(East).Write(Booking(keyspace, "GS101/last-seat", "Ada", "12A"));
            bob = await Geo.Coordinator(West).Write(Booking(keyspace, "GS101/last-seat", "Bob", "12A"));
        }
        finally
        {
            await Geo.HealAsync(East, West);
        }

        // Both regions accepted a booking; after the heal every region keeps the first one by the
        // hybrid clocks (which LWW would have thrown away) and logs the other. "First" is by hybrid
        // time, not by the order of the calls: us-east's clock has observed ap-south's fast one.
        var (first, second) = ada.Version!.CompareTo(bob.Version!) < 0 ? (("Ada", ada), ("Bob", bob)) : (("Bob", bob), ("Ada", ada));
        foreach (var region in Geo.Regions)
        {
            await Eventually.HoldsAsync(
                async () => (await Geo.GetAsync(region, keyspace, "GS101/last-seat"))?.Contains(first.Item1, StringComparison.Ordinal) == true,
                $"{region} keeps {first.Item1}'s booking");
        }

        await Eventually.HoldsAsync(async () => (await Geo.ConflictsAsync(keyspace)).Any(c => c.Losers.Any(l => l.Version == second.Item2.Version)), "the other booking is in the conflict log");
        var record = (await Geo.ConflictsAsync(keyspace)).First(c => c.Losers.Any(l => l.Version == second.Item2.Version));
        record.Resolver.ShouldBe(FlightSeatResolver.ResolverName);
        record.Winner.ShouldBe(first.Item2.Version);
        Encoding.UTF8.GetString(record.Losers.Single().Value!).ShouldContain(second.Item1);
    }

    [Fact]
    public async Task A_resolution_recorded_twice_after_a_retry_is_stored_once()
    {
        var keyspace = $"twice-{Guid.NewGuid():N}"[..30];
        var loser = new Core.Versioning.VersionedValue(new Core.Versioning.WriteVersion(new Core.Clocks.HybridTimestamp(1_000, 0), West), [1], "text/plain");
        var record = new ConflictRecord(keyspace, "k", East, "lww", ConflictKind.Discarded,
            new Core.Versioning.WriteVersion(new Core.Clocks.HybridTimestamp(2_000, 0), East), [loser], 3_000);
        var log = Geo.In(East).GetGrain<Abstractions.Grains.IConflictLogGrain>($"{East}/0");

        await log.Record(record);
        await log.Record(record with { AtMs = 3_005 });
        await log.Record(record with { Key = "other" });

        var page = await log.Read(new ConflictQuery(keyspace, 0, 100));
        page.Records.Select(r => r.Key).ShouldBe(["k", "other"]);
    }

    [Fact]
    public async Task A_custom_keyspace_must_name_a_resolver_registered_in_the_silos()
    {
        var error = await Should.ThrowAsync<InvalidKeyspaceException>(() =>
            Geo.PutKeyspaceAsync("custom-missing", new KeyspacePolicy(ReplicationMode.MultiLeader, [East, West], ConflictResolver.Custom, CustomResolver: "no-such-rule")));
        error.Errors.ShouldContainKey("customResolver");
    }

    private static WriteCommand Booking(string keyspace, string key, string passenger, string seat) =>
        new(keyspace, key, Encoding.UTF8.GetBytes($$"""{"passenger":"{{passenger}}","seat":"{{seat}}"}"""), "application/json", WriteCondition.None);
}
