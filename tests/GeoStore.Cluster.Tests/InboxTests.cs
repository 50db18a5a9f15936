using System.Collections.Immutable;
using System.Text;
using GeoStore.Abstractions.Grains;
using GeoStore.Core.Clocks;
using GeoStore.Core.Replication;
using GeoStore.Core.Versioning;
using GeoStore.Testing;
using Shouldly;

namespace GeoStore.Cluster.Tests;

/// <summary>The receiving end of replication under duplicated, reordered and overlapping batches.</summary>
public sealed class InboxTests(ThreeRegionFixture fixture) : IClassFixture<ThreeRegionFixture>
{
    private GeoCluster Geo => fixture.Geo;

    private static LogEntry Entry(long sequence, string key, string value, long wall) =>
        new(sequence, "ap-south", "default", key, new VersionedValue(new WriteVersion(new HybridTimestamp(wall, 0), "ap-south"), Encoding.UTF8.GetBytes(value), "text/plain"));

    private static ReplicationBatch Batch(Guid incarnation, params LogEntry[] entries) =>
        new("ap-south", 99, incarnation, entries[0].Sequence, entries[^1].Sequence, [.. entries]);

    [Fact]
    public async Task Duplicated_and_reordered_batches_change_nothing()
    {
        var prefix = $"inbox/{Guid.NewGuid():N}";
        var (a, b) = ($"{prefix}/a", $"{prefix}/b");
        var wall = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() + 60_000;
        var entries = new[]
        {
            Entry(1, a, "a1", wall + 1), Entry(2, b, "b1", wall + 2), Entry(3, a, "a2", wall + 3),
            Entry(4, b, "b2", wall + 4), Entry(5, a, "a3", wall + 5), Entry(6, b, "b3", wall + 6),
        };
        var incarnation = Guid.NewGuid();
        var first = Batch(incarnation, entries[..3]);
        var second = Batch(incarnation, entries[3..]);
        var inbox = Geo.In("eu-west").GetGrain<IReplicationInboxGrain>($"eu-west/ap-south/{Random.Shared.Next(100, 10_000)}");

        (await inbox.Apply(second)).ShouldBe(0, "a batch after a gap is refused");
        (await Geo.GetAsync("eu-west", "default", b)).ShouldBeNull();

        (await inbox.Apply(first)).ShouldBe(3);
        (await inbox.Apply(first)).ShouldBe(3);
        (await inbox.Apply(second)).ShouldBe(6);
        (await inbox.Apply(second)).ShouldBe(6);
        (await inbox.Apply(Batch(incarnation, entries[1..5]))).ShouldBe(6);
        (await inbox.Apply(first)).ShouldBe(6);

        (await Geo.GetAsync("eu-west", "default", a)).ShouldBe("a3");
        (await Geo.GetAsync("eu-west", "default", b)).ShouldBe("b3");
    }

    [Fact]
    public async Task Applying_a_replicated_version_twice_changes_the_register_once()
    {
        var key = $"eu-west/default/twice/{Guid.NewGuid():N}";
        var register = Geo.In("eu-west").GetGrain<IRegisterGrain>(key);
        var value = new VersionedValue(new WriteVersion(new HybridTimestamp(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), 0), "ap-south"), [1, 2, 3], "application/octet-stream");
        var older = value with { Version = value.Version with { Timestamp = value.Version.Timestamp with { WallMs = value.Version.Timestamp.WallMs - 1 } }, Value = [9] };

        var entry = new LogEntry(7, "ap-south", "default", key, value, 7);

        (await register.ApplyReplicated(entry)).ShouldBeTrue();
        (await register.ApplyReplicated(entry)).ShouldBeFalse();
        (await register.ApplyReplicated(entry with { Value = older })).ShouldBeFalse();
        (await register.Read()).Value!.Value.ShouldBe(new byte[] { 1, 2, 3 });
    }

    [Fact]
    public async Task A_new_log_incarnation_starts_the_count_over()
    {
        var key = $"inbox/{Guid.NewGuid():N}";
        var wall = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() + 120_000;
        var inbox = Geo.In("eu-west").GetGrain<IReplicationInboxGrain>($"eu-west/ap-south/{Random.Shared.Next(10_000, 20_000)}");

        (await inbox.Apply(Batch(Guid.NewGuid(), Entry(1, key, "old-life", wall)))).ShouldBe(1);
        (await inbox.Apply(Batch(Guid.NewGuid(), Entry(1, key, "new-life", wall + 1)))).ShouldBe(1);

        (await Geo.GetAsync("eu-west", "default", key)).ShouldBe("new-life");
    }
}
