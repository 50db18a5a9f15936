using System.Buffers.Text;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using GeoStore.Core.Causality;
using Shouldly;

namespace GeoStore.Core.Tests.Causality;

public sealed class CausalContextTokenTests
{
    private static readonly Gen<string> RegionNames =
        from length in Gen.Choose(1, CausalContextToken.MaxRegionLength)
        from characters in Gen.Elements("abcdefghijklmnopqrstuvwxyz0123456789-".ToCharArray()).ArrayOf(length)
        select new string(characters);

    private static readonly Gen<long> Counters = Gen.Frequency(
        (4, Gen.Choose(1, 1_000).Select(n => (long)n)),
        (4, from high in Gen.Choose(0, int.MaxValue) from low in Gen.Choose(1, int.MaxValue) select ((long)high << 31) | (uint)low),
        (1, Gen.Constant(long.MaxValue)));

    private static readonly Gen<VersionVector> Vectors =
        from count in Gen.Choose(0, 24)
        from entries in (from region in RegionNames from counter in Counters select new Dot(region, counter)).ArrayOf(count)
        select new VersionVector([.. entries]);

    private static string TokenFor(string text) => CausalContextToken.Prefix + Base64Url.EncodeToString(Encoding.UTF8.GetBytes(text));

    [Fact]
    public void A_context_encodes_as_the_version_prefix_and_base64url_of_its_sorted_entries()
    {
        var context = new VersionVector([new Dot("us-east", 3), new Dot("eu-west", 1)]);

        var token = CausalContextToken.Encode(context);

        token.ShouldBe("c1.ZXUtd2VzdDoxLHVzLWVhc3Q6Mw");
        token.ShouldBe(TokenFor("eu-west:1,us-east:3"));
        CausalContextToken.TryDecode(token, out var decoded, out var error).ShouldBeTrue();
        error.ShouldBeNull();
        decoded.ShouldBe(context);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("c1.")]
    public void An_absent_or_empty_token_is_the_empty_context(string? token)
    {
        CausalContextToken.TryDecode(token, out var context, out var error).ShouldBeTrue();

        context.ShouldBe(VersionVector.Empty);
        error.ShouldBeNull();
        CausalContextToken.Encode(VersionVector.Empty).ShouldBe("c1.");
    }

    [Theory]
    [InlineData("ZXUtd2VzdDox", "starts with 'c1.'")]
    [InlineData("c2.ZXUtd2VzdDox", "starts with 'c1.'")]
    [InlineData("c1.ZXUtd2VzdDox=", "not valid base64url")]
    [InlineData("c1.ZXUt d2VzdDox", "not valid base64url")]
    [InlineData("c1.ZXUtd", "not valid base64url")]
    public void A_token_that_is_not_base64url_of_this_version_is_refused(string token, string expected)
    {
        CausalContextToken.TryDecode(token, out var context, out var error).ShouldBeFalse();

        error.ShouldNotBeNull().ShouldContain(expected);
        context.ShouldBe(VersionVector.Empty);
    }

    [Theory]
    [InlineData("us-east", "entry 1 is not 'region:counter'")]
    [InlineData("us-east:1,", "entry 2 is not 'region:counter'")]
    [InlineData("us-east:-1", "counter for region 'us-east' is negative")]
    [InlineData("us-east:0", "counter for region 'us-east' is 0")]
    [InlineData("us-east:", "counter for region 'us-east' is not a whole number")]
    [InlineData("us-east:+1", "counter for region 'us-east' is not a whole number")]
    [InlineData("us-east:1.5", "counter for region 'us-east' is not a whole number")]
    [InlineData("us-east:9223372036854775808", "counter for region 'us-east' is not a whole number")]
    [InlineData("US-East:1", "region name 'US-East' is not 1 to 63 characters")]
    [InlineData(":1", "region name '' is not 1 to 63 characters")]
    [InlineData("us_east:1", "region name 'us_east' is not")]
    [InlineData("us-east:1,us-east:2", "region 'us-east' appears twice")]
    public void A_token_whose_content_is_malformed_is_refused_with_the_reason(string text, string expected)
    {
        CausalContextToken.TryDecode(TokenFor(text), out _, out var error).ShouldBeFalse();

        error.ShouldNotBeNull().ShouldContain(expected);
    }

    [Fact]
    public void A_region_name_longer_than_63_characters_is_refused()
    {
        CausalContextToken.TryDecode(TokenFor(new string('a', 63) + ":1"), out _, out _).ShouldBeTrue();
        CausalContextToken.TryDecode(TokenFor(new string('a', 64) + ":1"), out _, out var error).ShouldBeFalse();

        error.ShouldNotBeNull().ShouldContain("is not 1 to 63 characters");
    }

    [Fact]
    public void A_context_of_more_than_64_regions_is_refused_both_ways()
    {
        var regions = Enumerable.Range(0, 65).Select(i => new Dot($"r{i}", i + 1)).ToArray();
        var sixtyFour = new VersionVector([.. regions[..64]]);

        CausalContextToken.TryDecode(CausalContextToken.Encode(sixtyFour), out var decoded, out _).ShouldBeTrue();
        decoded.ShouldBe(sixtyFour);
        CausalContextToken.TryDecode(TokenFor(string.Join(",", regions.AsEnumerable())), out _, out var error).ShouldBeFalse();
        error.ShouldNotBeNull().ShouldContain("at most 64 regions; this one names 65");
        Should.Throw<ArgumentException>(() => CausalContextToken.Encode(new VersionVector([.. regions])));
    }

    [Fact]
    public void A_token_over_4_KiB_is_refused_before_it_is_decoded()
    {
        var token = CausalContextToken.Prefix + new string('A', CausalContextToken.MaxLength);

        CausalContextToken.TryDecode(token, out _, out var error).ShouldBeFalse();

        error.ShouldNotBeNull().ShouldContain("at most 4096 characters");
    }

    [Fact]
    public void A_context_that_cannot_travel_as_a_token_is_refused_when_encoding()
    {
        var huge = new VersionVector([.. Enumerable.Range(0, 64).Select(i => new Dot(new string((char)('a' + (i % 26)), 40 + (i / 26)), long.MaxValue))]);

        Should.Throw<ArgumentException>(() => CausalContextToken.Encode(huge)).Message.ShouldContain("at most 4096 characters");
        Should.Throw<ArgumentException>(() => CausalContextToken.Encode(new VersionVector([new Dot("US-East", 1)])));
    }

    [Property(MaxTest = 500)]
    public Property Every_context_round_trips_through_its_token() =>
        Prop.ForAll(
            Vectors.ToArbitrary(),
            context =>
            {
                var token = CausalContextToken.Encode(context);
                return CausalContextToken.TryDecode(token, out var decoded, out var error)
                    && error is null
                    && decoded.Equals(context)
                    && token.Length <= CausalContextToken.MaxLength
                    && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');
            });

    [Property(MaxTest = 1_000)]
    public bool Decoding_a_random_string_never_throws_and_fails_with_a_reason(string? token) => Decodes(token);

    [Property(MaxTest = 1_000)]
    public Property Decoding_random_bytes_or_near_miss_text_never_throws_and_fails_with_a_reason() =>
        Prop.ForAll(
            Gen.OneOf(
                    Gen.Choose(0, 255).Select(b => (byte)b).ListOf().Select(bytes => CausalContextToken.Prefix + Base64Url.EncodeToString([.. bytes])),
                    Gen.Elements("ab-:,0123456789+ _A\u00e9".ToCharArray()).ListOf().Select(chars => TokenFor(new string([.. chars]))))
                .ToArbitrary(),
            Decodes);

    /// <summary>True when decoding does not throw, and either succeeds with a context that re-encodes to itself or explains the failure.</summary>
    private static bool Decodes(string? token)
    {
        if (!CausalContextToken.TryDecode(token, out var context, out var error))
        {
            return !string.IsNullOrWhiteSpace(error) && context.Equals(VersionVector.Empty);
        }

        return error is null
            && CausalContextToken.TryDecode(CausalContextToken.Encode(context), out var again, out _)
            && again.Equals(context);
    }
}
