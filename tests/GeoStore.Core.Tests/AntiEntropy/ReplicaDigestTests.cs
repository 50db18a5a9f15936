using GeoStore.Core.AntiEntropy;
using GeoStore.Core.Causality;
using GeoStore.Core.Clocks;
using GeoStore.Core.Replication;
using GeoStore.Core.Versioning;
using Shouldly;

namespace GeoStore.Core.Tests.AntiEntropy;

public sealed class ReplicaDigestTests
{
    private static WriteVersion Version(long wall, string region = "us-east", int logical = 0) => new(new HybridTimestamp(wall, logical), region);

    private static VersionedValue Value(WriteVersion version, string text = "v") => new(version, System.Text.Encoding.UTF8.GetBytes(text), "text/plain");

    private static ReplicatedState Siblings(params (string Region, long Counter, VersionedValue Value)[] siblings) =>
        new(new SiblingSet([.. siblings.Select(s => new Sibling(new Dot(s.Region, s.Counter), s.Value))], new VersionVector([.. siblings.Select(s => new Dot(s.Region, s.Counter))])));

    [Fact]
    public void Replicas_holding_the_same_version_have_the_same_digest_whatever_the_bytes_objects()
    {
        ReplicaDigest.Of(Value(Version(10)), null).ShouldBe(ReplicaDigest.Of(Value(Version(10)), null));
    }

    [Fact]
    public void A_different_version_region_or_a_tombstone_changes_the_digest()
    {
        var digest = ReplicaDigest.Of(Value(Version(10)), null);

        ReplicaDigest.Of(Value(Version(11)), null).ShouldNotBe(digest);
        ReplicaDigest.Of(Value(Version(10, logical: 1)), null).ShouldNotBe(digest);
        ReplicaDigest.Of(Value(Version(10, "eu-west")), null).ShouldNotBe(digest);
        ReplicaDigest.Of(VersionedValue.Tombstone(Version(10)), null).ShouldNotBe(digest);
    }

    [Fact]
    public void A_replica_holding_nothing_has_no_digest()
    {
        ReplicaDigest.Of(null, null).ShouldBeNull();
        ReplicaDigest.Of(null, new ReplicatedState()).ShouldBeNull();
    }

    [Fact]
    public void Sibling_sets_digest_by_content_not_by_the_order_they_were_built_in()
    {
        var a = (Region: "us-east", Counter: 1L, Value: Value(Version(10)));
        var b = (Region: "eu-west", Counter: 1L, Value: Value(Version(11, "eu-west")));

        ReplicaDigest.Of(b.Value, Siblings(a, b)).ShouldBe(ReplicaDigest.Of(b.Value, Siblings(b, a)));
        ReplicaDigest.Of(b.Value, Siblings(a, b)).ShouldNotBe(ReplicaDigest.Of(a.Value, Siblings(a)));
    }

    [Fact]
    public void Sibling_sets_merged_from_the_same_states_have_the_same_digest()
    {
        var left = Siblings(("us-east", 1, Value(Version(10))));
        var right = Siblings(("eu-west", 1, Value(Version(11, "eu-west"))));

        var ab = new ReplicatedState(SiblingSet.Merge(left.Siblings!, right.Siblings!));
        var ba = new ReplicatedState(SiblingSet.Merge(right.Siblings!, left.Siblings!));

        ReplicaDigest.Of(null, ab).ShouldBe(ReplicaDigest.Of(null, ba));
    }

    [Fact]
    public void The_tombstone_of_a_replica_is_its_delete_version_and_only_when_it_holds_nothing_live()
    {
        ReplicaDigest.TombstoneOf(VersionedValue.Tombstone(Version(10)), null).ShouldBe(Version(10));
        ReplicaDigest.TombstoneOf(Value(Version(10)), null).ShouldBeNull();
        ReplicaDigest.TombstoneOf(null, null).ShouldBeNull();

        var deleted = Siblings(("us-east", 1, VersionedValue.Tombstone(Version(10))), ("eu-west", 1, VersionedValue.Tombstone(Version(12, "eu-west"))));
        ReplicaDigest.TombstoneOf(deleted.Siblings!.Newest, deleted).ShouldBe(Version(12, "eu-west"));

        var halfDeleted = Siblings(("us-east", 1, VersionedValue.Tombstone(Version(10))), ("eu-west", 1, Value(Version(12, "eu-west"))));
        ReplicaDigest.TombstoneOf(halfDeleted.Siblings!.Newest, halfDeleted).ShouldBeNull();
    }

    [Fact]
    public void The_digest_is_the_same_in_every_process_and_version()
    {
        // Regions compare digests computed by different builds; changing the encoding breaks anti-entropy between them.
        ReplicaDigest.Of(Value(Version(1_700_000_000_000, "us-east", 2)), null).ShouldBe(ReplicaDigest.Of(Value(Version(1_700_000_000_000, "us-east", 2), "other bytes"), null));
        ReplicaDigest.Of(VersionedValue.Tombstone(Version(1_700_000_000_000, "us-east", 2)), null).ShouldBe(5537875777808200685UL);
    }
}
