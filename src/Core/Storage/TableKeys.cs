using System.Security.Cryptography;
using System.Text;

namespace GeoStore.Core.Storage;

/// <summary>
/// Makes any string safe as an Azure Table PartitionKey or RowKey. Table keys forbid '/', '\',
/// '#', '?' and control characters and are at most 1 KiB; GeoStore keys may hold all of those.
/// Forbidden characters and '%' become %XX (UTF-8 bytes), so the encoding is reversible and
/// distinct inputs stay distinct; a result longer than <see cref="MaxLength"/> keeps a readable
/// prefix and ends in a SHA-256 of the whole input.
/// </summary>
public static class TableKeys
{
    public const int MaxLength = 512;
    private const int PrefixLength = MaxLength - 65;

    public static string Encode(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var builder = new StringBuilder(value.Length + 8);
        Span<byte> utf8 = stackalloc byte[4];
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (!MustEscape(c))
            {
                builder.Append(c);
                continue;
            }

            var length = Encoding.UTF8.GetBytes([c], utf8);
            foreach (var b in utf8[..length])
            {
                builder.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        var encoded = builder.ToString();
        if (encoded.Length <= MaxLength)
        {
            return encoded;
        }

        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(value)));
        var cut = encoded.Length > PrefixLength && char.IsHighSurrogate(encoded[PrefixLength - 1]) ? PrefixLength - 1 : PrefixLength;
        return $"{encoded[..cut]}~{hash}";
    }

    /// <summary>
    /// The string <paramref name="encoded"/> was made from, when <see cref="Encode"/> kept all of it;
    /// for a key it shortened to a prefix and a hash the result is not the original, which
    /// <c>Encode(Decode(k)) != k</c> tells.
    /// </summary>
    public static string Decode(string encoded)
    {
        ArgumentNullException.ThrowIfNull(encoded);
        if (!encoded.Contains('%', StringComparison.Ordinal))
        {
            return encoded;
        }

        var builder = new StringBuilder(encoded.Length);
        var bytes = new List<byte>(4);
        for (var i = 0; i < encoded.Length; i++)
        {
            if (encoded[i] == '%' && i + 2 < encoded.Length && byte.TryParse(encoded.AsSpan(i + 1, 2), System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture, out var b))
            {
                bytes.Add(b);
                i += 2;
                continue;
            }

            Flush();
            builder.Append(encoded[i]);
        }

        Flush();
        return builder.ToString();

        void Flush()
        {
            if (bytes.Count > 0)
            {
                builder.Append(Encoding.UTF8.GetString([.. bytes]));
                bytes.Clear();
            }
        }
    }

    /// <summary>Whether <paramref name="encoded"/> is acceptable to the Table service as a key.</summary>
    public static bool IsValidKey(string encoded) =>
        encoded.Length <= MaxLength && !encoded.Any(c => c is '/' or '\\' or '#' or '?' || char.IsControl(c));

    private static bool MustEscape(char c) => c is '/' or '\\' or '#' or '?' or '%' || char.IsControl(c);
}
