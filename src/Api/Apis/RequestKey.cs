using System.Text;
using Microsoft.AspNetCore.Http.Features;

namespace GeoStore.Api.Apis;

/// <summary>
/// Recovers the exact key from the raw request target. Keys may hold any character, including
/// '/' (as %2F or literally), '%' and '+', which routing's decoded values cannot tell apart; the
/// percent-encoding must decode to valid UTF-8.
/// </summary>
public static class RequestKey
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static (string? Key, string? Problem) From(HttpContext http, string prefix, string keyspace)
    {
        // Kestrel gives the raw target; hosts without one (the in-memory test server) give the path only.
        var raw = http.Features.Get<IHttpRequestFeature>()?.RawTarget;
        var target = string.IsNullOrEmpty(raw) ? (http.Request.PathBase + http.Request.Path).ToUriComponent() : raw;
        var query = target.IndexOf('?', StringComparison.Ordinal);
        var path = query < 0 ? target : target[..query];
        var start = $"{prefix}/{keyspace}/";
        if (!path.StartsWith(start, StringComparison.OrdinalIgnoreCase))
        {
            return (null, "The key must follow the keyspace: /v1/kv/{keyspace}/{key}.");
        }

        var key = Decode(path.AsSpan(start.Length));
        if (key is null || key.Contains('\uFFFD', StringComparison.Ordinal))
        {
            return (null, "The key must be percent-encoded UTF-8.");
        }

        return (key, null);
    }

    private static string? Decode(ReadOnlySpan<char> encoded)
    {
        var bytes = new List<byte>(encoded.Length);
        Span<byte> scratch = stackalloc byte[4];
        for (var i = 0; i < encoded.Length; i++)
        {
            if (encoded[i] == '%')
            {
                if (i + 2 >= encoded.Length || !byte.TryParse(encoded.Slice(i + 1, 2), System.Globalization.NumberStyles.AllowHexSpecifier, null, out var b))
                {
                    return null;
                }

                bytes.Add(b);
                i += 2;
            }
            else
            {
                if (Rune.DecodeFromUtf16(encoded[i..], out var rune, out var consumed) != System.Buffers.OperationStatus.Done)
                {
                    return null;
                }

                var written = rune.EncodeToUtf8(scratch);
                bytes.AddRange(scratch[..written]);
                i += consumed - 1;
            }
        }

        try
        {
            return StrictUtf8.GetString([.. bytes]);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }
}
