using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using GeoStore.Core.Clocks;
using GeoStore.Core.Versioning;
using Shouldly;

namespace GeoStore.Core.Tests.Versioning;

public sealed class WriteVersionParseTests
{
    /// <summary>Any timestamp a clock can read (non-negative parts, up to the extremes) and any valid region name.</summary>
    private static readonly Gen<WriteVersion> Versions =
        from wall in Gen.OneOf(Gen.Choose(0, int.MaxValue).Select(w => (long)w), Gen.Elements(0L, 1_732_364_400_000L, long.MaxValue))
        from logical in Gen.OneOf(Gen.Choose(0, 1_000), Gen.Constant(int.MaxValue))
        from length in Gen.Choose(1, 32)
        from region in Gen.Elements("abcdefghijklmnopqrstuvwxyz0123456789-".ToCharArray()).ArrayOf(length)
        select new WriteVersion(new HybridTimestamp(wall, logical), new string(region));

    [Property(MaxTest = 500)]
    public Property A_version_reads_back_from_its_text_and_from_its_entity_tag() =>
        Prop.ForAll(
            Versions.ToArbitrary(),
            version =>
                WriteVersion.TryParse(version.ToString(), out var fromText) && version.Equals(fromText)
                && WriteVersion.TryParse(version.ToETag(), out var fromTag) && version.Equals(fromTag)
                && WriteVersion.TryParse($"  {version.ToETag()}\t", out var padded) && version.Equals(padded));

    [Property(MaxTest = 1_000)]
    public bool Any_text_parses_or_is_refused_without_throwing(string? text)
    {
        var parsed = WriteVersion.TryParse(text, out var version);
        return parsed == version is not null;
    }

    [Property(MaxTest = 500)]
    public Property Text_mangled_around_a_real_version_never_throws() =>
        Prop.ForAll(
            (from version in Versions
             from cut in Gen.Choose(0, 100)
             from insert in Gen.Elements('"', '@', '.', ' ', '-', 'x', '9', '\0')
             select (version, cut, insert)).ToArbitrary(),
            input =>
            {
                var text = input.version.ToETag();
                var at = input.cut % (text.Length + 1);
                var mangled = text[..at] + input.insert + text[at..];
                var truncated = text[..at];
                return (WriteVersion.TryParse(mangled, out var a) == a is not null) & (WriteVersion.TryParse(truncated, out var b) == b is not null);
            });

    [Theory]
    [InlineData("1732364400000.3@us-east", 1732364400000L, 3, "us-east")]
    [InlineData("\"1732364400000.3@us-east\"", 1732364400000L, 3, "us-east")]
    [InlineData(" \"0.0@a\" ", 0L, 0, "a")]
    [InlineData("5.5@eu-west@2", 5L, 5, "eu-west@2")]
    public void Wall_logical_at_region_parses_quoted_or_not(string text, long wall, int logical, string region)
    {
        WriteVersion.TryParse(text, out var version).ShouldBeTrue();

        version.ShouldBe(new WriteVersion(new HybridTimestamp(wall, logical), region));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\"")]
    [InlineData("\"\"")]
    [InlineData("@")]
    [InlineData("1.2@")]
    [InlineData("\"1.2@\"")]
    [InlineData("@us-east")]
    [InlineData("12@us-east")]
    [InlineData(".2@us-east")]
    [InlineData("1.@us-east")]
    [InlineData("1.2.3@us-east")]
    [InlineData("a.b@us-east")]
    [InlineData("-1.2@us-east")]
    [InlineData("1.-2@us-east")]
    [InlineData("+1.2@us-east")]
    [InlineData("\"1.2@us-east")]
    [InlineData("W/\"1.2@us-east\"")]
    [InlineData("\"\"1.2@us-east\"\"")]
    [InlineData("1.2 @us-east")]
    [InlineData("99999999999999999999.0@us-east")]
    [InlineData("1.99999999999@us-east")]
    [InlineData("١.٢@us-east")]
    [InlineData("*")]
    public void Garbage_is_refused_without_throwing(string? text)
    {
        WriteVersion.TryParse(text, out var version).ShouldBeFalse();

        version.ShouldBeNull();
    }
}
