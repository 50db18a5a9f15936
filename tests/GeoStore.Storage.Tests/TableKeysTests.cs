using FsCheck.Xunit;
using GeoStore.Core.Storage;
using Shouldly;

namespace GeoStore.Storage.Tests;

public sealed class TableKeysTests
{
    [Property(MaxTest = 500)]
    public bool Every_string_encodes_to_a_valid_table_key(string? value) =>
        TableKeys.IsValidKey(TableKeys.Encode(value ?? string.Empty));

    [Property(MaxTest = 500)]
    public bool Distinct_strings_encode_to_distinct_keys(string? a, string? b) =>
        (a ?? string.Empty) == (b ?? string.Empty) || TableKeys.Encode(a ?? string.Empty) != TableKeys.Encode(b ?? string.Empty);

    [Theory]
    [InlineData("us-east/default/user/42", "us-east%2Fdefault%2Fuser%2F42")]
    [InlineData("a#b?c\\d%e", "a%23b%3Fc%5Cd%25e")]
    [InlineData("tab\there", "tab%09here")]
    [InlineData("plain", "plain")]
    public void Forbidden_characters_and_percent_are_escaped(string value, string encoded) =>
        TableKeys.Encode(value).ShouldBe(encoded);

    [Fact]
    public void A_key_too_long_for_the_table_service_keeps_a_prefix_and_a_hash()
    {
        var longKey = new string('/', 600);
        var other = new string('/', 599) + "x";

        var encoded = TableKeys.Encode(longKey);

        encoded.Length.ShouldBeLessThanOrEqualTo(TableKeys.MaxLength);
        TableKeys.IsValidKey(encoded).ShouldBeTrue();
        encoded.ShouldNotBe(TableKeys.Encode(other));
    }

    [Property(MaxTest = 500)]
    public bool A_key_kept_whole_decodes_to_what_was_encoded(string? value)
    {
        var text = value ?? string.Empty;
        var encoded = TableKeys.Encode(text);
        return encoded.Length >= TableKeys.MaxLength - 65 || TableKeys.Decode(encoded) == text;
    }

    [Theory]
    [InlineData("register/us-east/ks/a%2Fb")]
    [InlineData("register/us-east/ks/%%/x#y?z\\w")]
    [InlineData("register/us-east/ks/ünïcødé/😀")]
    public void Escaped_characters_decode_back(string value) =>
        TableKeys.Decode(TableKeys.Encode(value)).ShouldBe(value);

    [Fact]
    public void A_hashed_key_does_not_decode_to_the_original()
    {
        var longKey = "register/us-east/ks/" + new string('k', 600);

        TableKeys.Decode(TableKeys.Encode(longKey)).ShouldNotBe(longKey);
    }
}
