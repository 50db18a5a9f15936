using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using GeoStore.Core.Clocks;
using GeoStore.Core.Quorum;
using GeoStore.Core.Versioning;
using Shouldly;

namespace GeoStore.Core.Tests.Quorum;

public sealed class ReadResolutionTests
{
    private static readonly string[] Origins = ["us-east", "eu-west", "ap-south"];

    private static WriteVersion Version(long wall, int logical = 0, string origin = "us-east") =>
        new(new HybridTimestamp(wall, logical), origin);

    [Fact]
    public void The_newest_version_wins_and_older_and_absent_answers_are_repaired()
    {
        var resolution = ReadResolution.From(
        [
            ("us-east", Version(100)),
            ("eu-west", Version(200)),
            ("ap-south", null),
        ]);

        resolution.Newest.ShouldBe(Version(200));
        resolution.Current.ShouldBe(["eu-west"]);
        resolution.Stale.ShouldBe(["us-east", "ap-south"]);
        resolution.IsConsistent.ShouldBeFalse();
    }

    [Fact]
    public void Equal_timestamps_are_decided_by_origin_region_as_in_last_writer_wins()
    {
        var resolution = ReadResolution.From([("a", Version(5, 5, "eu-west")), ("b", Version(5, 5, "us-east"))]);

        resolution.Newest.ShouldBe(Version(5, 5, "us-east"));
        resolution.Stale.ShouldBe(["a"]);
    }

    [Fact]
    public void Replicas_that_agree_need_no_repair()
    {
        var resolution = ReadResolution.From([("a", Version(7)), ("b", Version(7))]);

        resolution.IsConsistent.ShouldBeTrue();
        resolution.Current.ShouldBe(["a", "b"]);
    }

    [Fact]
    public void A_key_absent_everywhere_resolves_to_nothing_with_nothing_to_repair()
    {
        var resolution = ReadResolution.From([("a", null), ("b", null)]);

        resolution.Newest.ShouldBeNull();
        resolution.Stale.ShouldBeEmpty();
    }

    [Fact]
    public void A_replica_answering_twice_is_a_bug_and_throws() =>
        Should.Throw<ArgumentException>(() => ReadResolution.From([("a", Version(1)), ("a", Version(2))]));

    [Property(MaxTest = 500)]
    public Property The_newest_answer_wins_and_exactly_the_stale_replicas_are_repaired() =>
        Prop.ForAll(
            Gen.ListOf(Gen.Choose(-1, 17)).ToArbitrary(),
            seeds =>
            {
                // -1 is "absent"; the rest a small space of versions so ties and equal versions are common.
                var answers = seeds
                    .Select((s, i) => ($"r{i}", s < 0 ? null : Version(1000 + s % 3, s / 3 % 2, Origins[s / 6])))
                    .ToList();
                var resolution = ReadResolution.From(answers);
                var present = answers.Where(a => a.Item2 is not null).Select(a => a.Item2!).ToList();
                var expected = present.Count == 0 ? null : present.Max();
                var stale = expected is null
                    ? []
                    : answers.Where(a => a.Item2 is null || a.Item2.CompareTo(expected) < 0).Select(a => a.Item1).ToList();
                return Equals(resolution.Newest, expected)
                    && resolution.Stale.SequenceEqual(stale)
                    && resolution.Current.Concat(resolution.Stale).Order(StringComparer.Ordinal)
                        .SequenceEqual(answers.Select(a => a.Item1).Order(StringComparer.Ordinal));
            });
}
