using System.Globalization;
using GeoStore.Core.Causality;
using GeoStore.Core.Replication;

namespace GeoStore.Api.Apis;

/// <summary>
/// The <c>GeoStore-Causal-Context</c> token of a MultiValue key: the key's context
/// (<see cref="CausalContextToken"/>) prefixed with a hash of the keyspace and key it was read from,
/// <c>{hash}~{context}</c>. A token sent with a write to another key is refused: its counters
/// describe that key's writes, and here they would replace siblings the client never saw.
/// </summary>
public static class KeyCausalContext
{
    private const char Separator = '~';

    public static string Encode(string keyspace, string key, VersionVector context) =>
        $"{Tag(keyspace, key)}{Separator}{CausalContextToken.Encode(context)}";

    public static bool TryDecode(string keyspace, string key, string token, out VersionVector context, out string? error)
    {
        context = VersionVector.Empty;
        var separator = token.IndexOf(Separator, StringComparison.Ordinal);
        if (separator < 0)
        {
            error = $"a token is '<key tag>{Separator}<context>' as a read of the key answered it.";
            return false;
        }

        if (!string.Equals(token[..separator], Tag(keyspace, key), StringComparison.Ordinal))
        {
            error = "the token was read from another key; read this key and send the token it answers.";
            return false;
        }

        return CausalContextToken.TryDecode(token[(separator + 1)..], out context, out error);
    }

    private static string Tag(string keyspace, string key) => ((uint)ShardMap.KeyHash(keyspace, key)).ToString("x8", CultureInfo.InvariantCulture);
}
