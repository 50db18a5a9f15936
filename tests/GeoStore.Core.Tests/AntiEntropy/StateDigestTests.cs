using GeoStore.Core.AntiEntropy;
using Shouldly;

namespace GeoStore.Core.Tests.AntiEntropy;

public sealed class StateDigestTests
{
    [Fact]
    public void The_digest_is_the_same_in_every_process_and_version()
    {
        // Regions compare digests computed by different builds; changing this value breaks anti-entropy.
        StateDigest.Of("abc"u8).ShouldBe(0x9DDD0B206061AD94UL);
    }

    [Fact]
    public void States_differing_in_one_byte_or_in_length_have_different_digests()
    {
        StateDigest.Of("abc"u8).ShouldNotBe(StateDigest.Of("abd"u8));
        StateDigest.Of([]).ShouldNotBe(StateDigest.Of([0]));
        StateDigest.Of([0]).ShouldNotBe(StateDigest.Of([0, 0]));
    }
}
