using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using GeoStore.Core.AntiEntropy;
using Shouldly;

namespace GeoStore.Core.Tests.AntiEntropy;

public sealed class HashRangeTests
{
    [Property(MaxTest = 300)]
    public Property Pages_cover_the_range_in_order_without_gaps_or_overlap() =>
        Prop.ForAll(Gen.Choose(0, int.MaxValue).ToArbitrary(), Gen.Choose(1, 64).ToArbitrary(), (seed, parts) =>
        {
            var random = new Random(seed);
            var (x, y) = (PairSets.NextHash(random), PairSets.NextHash(random));
            var range = random.Next(4) == 0 ? HashRange.Full : new HashRange(Math.Min(x, y), Math.Max(x, y));
            if ((uint)parts > range.Size)
            {
                return true;
            }

            var pages = range.Split(parts).ToList();

            return pages.Count == parts
                && pages[0].From == range.From
                && pages[^1].ToInclusive == range.ToInclusive
                && pages.All(page => page.From <= page.ToInclusive)
                && pages.Zip(pages.Skip(1)).All(pair => pair.First.ToInclusive + 1 == pair.Second.From);
        });

    [Fact]
    public void The_full_space_splits_into_equal_quarters()
    {
        HashRange.Full.Split(4).ShouldBe(
        [
            new HashRange(0, 0x3FFF_FFFF_FFFF_FFFFUL),
            new HashRange(0x4000_0000_0000_0000UL, 0x7FFF_FFFF_FFFF_FFFFUL),
            new HashRange(0x8000_0000_0000_0000UL, 0xBFFF_FFFF_FFFF_FFFFUL),
            new HashRange(0xC000_0000_0000_0000UL, ulong.MaxValue),
        ]);
    }

    [Fact]
    public void A_range_contains_both_its_ends_and_nothing_outside()
    {
        var range = new HashRange(10, 20);

        range.Contains(10).ShouldBeTrue();
        range.Contains(20).ShouldBeTrue();
        range.Contains(9).ShouldBeFalse();
        range.Contains(21).ShouldBeFalse();
        range.Size.ShouldBe((UInt128)11);
    }

    [Fact]
    public void A_range_cannot_split_into_more_pages_than_it_holds_hashes()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => new HashRange(5, 6).Split(3));
    }
}
