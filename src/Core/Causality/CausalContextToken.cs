using System.Buffers.Text;
using System.Collections.Immutable;
using System.Globalization;
using System.Text;

namespace GeoStore.Core.Causality;

/// <summary>
/// The causal context as clients carry it between a read and a write: <c>c1.</c> followed by the
/// unpadded base64url of <c>region:counter</c> entries joined by commas, sorted by region, e.g.
/// <c>c1.ZXUtd2VzdDoxLHVzLWVhc3Q6Mw</c> for <c>eu-west:1,us-east:3</c>. The token is URL- and
/// header-safe; the <c>c1</c> prefix names the format so it can change without misreading old tokens.
/// </summary>
/// <remarks>
/// The token is not signed. A client that edits one changes which siblings its own write replaces;
/// worse, a context naming writes that have not happened yet hides those writes when they happen.
/// An API that does not trust its clients should wrap the token in a MAC. Decoding accepts the
/// entries in any order.
/// </remarks>
public static class CausalContextToken
{
    public const string Prefix = "c1.";

    /// <summary>The longest token accepted, in characters.</summary>
    public const int MaxLength = 4096;

    /// <summary>The most regions one context may name.</summary>
    public const int MaxRegions = 64;

    /// <summary>The longest region name a token may carry.</summary>
    public const int MaxRegionLength = 63;

    /// <summary>Encodes <paramref name="context"/>; the empty context encodes as the bare prefix.</summary>
    /// <exception cref="ArgumentException">
    /// The context cannot travel as a token: more than <see cref="MaxRegions"/> regions, a region
    /// name outside a-z, 0-9 and '-' or longer than <see cref="MaxRegionLength"/>, or a token longer
    /// than <see cref="MaxLength"/>. <see cref="TryDecode"/> would refuse such a token.
    /// </exception>
    public static string Encode(VersionVector context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Entries.Length > MaxRegions)
        {
            throw new ArgumentException(TooManyRegions(context.Entries.Length), nameof(context));
        }

        var text = new StringBuilder();
        foreach (var entry in context.Entries)
        {
            if (!IsRegionName(Encoding.UTF8.GetBytes(entry.Region)))
            {
                throw new ArgumentException(BadRegion(entry.Region), nameof(context));
            }

            text.Append(text.Length == 0 ? "" : ",").Append(entry.Region).Append(':').Append(entry.Counter.ToString(CultureInfo.InvariantCulture));
        }

        var token = Prefix + Base64Url.EncodeToString(Encoding.ASCII.GetBytes(text.ToString()));
        if (token.Length > MaxLength)
        {
            throw new ArgumentException(TooLong(token.Length), nameof(context));
        }

        return token;
    }

    /// <summary>
    /// Decodes a token from a client. A null or empty token is the empty context (a blind write).
    /// Never throws: anything else that is not a token this store issued gives false and an
    /// <paramref name="error"/> saying what is wrong with it, fit to return to the client.
    /// </summary>
    public static bool TryDecode(string? token, out VersionVector context, out string? error)
    {
        context = VersionVector.Empty;
        error = null;
        if (string.IsNullOrEmpty(token))
        {
            return true;
        }

        if (token.Length > MaxLength)
        {
            return Fail(TooLong(token.Length), out error);
        }

        if (!token.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return Fail($"A causal context token starts with '{Prefix}'; this one does not, so it was not issued by this store.", out error);
        }

        var payload = token.AsSpan(Prefix.Length);
        foreach (var c in payload)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '-' && c != '_')
            {
                return Fail("The causal context token is not valid base64url: after the prefix it holds only A-Z, a-z, 0-9, '-' and '_'.", out error);
            }
        }

        byte[] text;
        try
        {
            // A length of 4n+1 leaves a lone 6-bit group, which no byte sequence encodes to.
            text = payload.Length % 4 == 1 ? throw new FormatException() : Base64Url.DecodeFromChars(payload);
        }
        catch (FormatException)
        {
            return Fail("The causal context token is not valid base64url: it has been truncated or altered.", out error);
        }

        if (text.Length == 0)
        {
            return true;
        }

        var entries = text.AsSpan().Count((byte)',') + 1;
        if (entries > MaxRegions)
        {
            return Fail(TooManyRegions(entries), out error);
        }

        var dots = ImmutableArray.CreateBuilder<Dot>(entries);
        var rest = text.AsSpan();
        for (var number = 1; number <= entries; number++)
        {
            var comma = rest.IndexOf((byte)',');
            var entry = comma < 0 ? rest : rest[..comma];
            rest = comma < 0 ? [] : rest[(comma + 1)..];

            var colon = entry.IndexOf((byte)':');
            if (colon < 0)
            {
                return Fail($"The causal context is malformed: entry {number} is not 'region:counter'.", out error);
            }

            var name = entry[..colon];
            var digits = entry[(colon + 1)..];
            if (!IsRegionName(name))
            {
                return Fail(BadRegion(Printable(name)), out error);
            }

            var region = Encoding.ASCII.GetString(name);
            if (digits.Length > 0 && digits[0] == '-')
            {
                return Fail($"The causal context is malformed: the counter for region '{region}' is negative.", out error);
            }

            if (digits.IsEmpty || digits.ContainsAnyExceptInRange((byte)'0', (byte)'9')
                || !long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var counter))
            {
                return Fail($"The causal context is malformed: the counter for region '{region}' is not a whole number from 1 to {long.MaxValue}.", out error);
            }

            if (counter == 0)
            {
                return Fail($"The causal context is malformed: the counter for region '{region}' is 0; a context names only regions it has seen writes from.", out error);
            }

            foreach (var earlier in dots)
            {
                if (string.Equals(earlier.Region, region, StringComparison.Ordinal))
                {
                    return Fail($"The causal context is malformed: region '{region}' appears twice.", out error);
                }
            }

            dots.Add(new Dot(region, counter));
        }

        context = new VersionVector(dots.MoveToImmutable());
        return true;
    }

    private static bool IsRegionName(ReadOnlySpan<byte> name)
    {
        if (name.IsEmpty || name.Length > MaxRegionLength)
        {
            return false;
        }

        foreach (var b in name)
        {
            if (b is not ((>= (byte)'a' and <= (byte)'z') or (>= (byte)'0' and <= (byte)'9') or (byte)'-'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The bytes as text when they are printable ASCII and short enough to quote, otherwise a placeholder.</summary>
    private static string Printable(ReadOnlySpan<byte> bytes) =>
        bytes.Length <= MaxRegionLength + 1 && !bytes.ContainsAnyExceptInRange((byte)' ', (byte)'~')
            ? Encoding.ASCII.GetString(bytes)
            : "(unprintable)";

    private static string BadRegion(string region) =>
        $"The causal context is malformed: region name '{region}' is not 1 to {MaxRegionLength} characters of a-z, 0-9 and '-'.";

    private static string TooManyRegions(int count) =>
        $"A causal context names at most {MaxRegions} regions; this one names {count}.";

    private static string TooLong(int length) =>
        $"A causal context token has at most {MaxLength} characters; this one has {length}.";

    private static bool Fail(string message, out string? error)
    {
        error = message;
        return false;
    }
}
