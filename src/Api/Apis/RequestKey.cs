using Microsoft.AspNetCore.Http.Features;

namespace GeoStore.Api.Apis;

/// <summary>
/// Recovers the exact key from the raw request target. Keys may hold any character, including
/// '/' (as %2F or literally), '%' and '+', which routing's decoded values cannot tell apart.
/// </summary>
public static class RequestKey
{
    public static string? From(HttpContext http, string prefix, string keyspace)
    {
        var target = http.Features.Get<IHttpRequestFeature>()?.RawTarget ?? http.Request.Path.Value ?? string.Empty;
        var query = target.IndexOf('?', StringComparison.Ordinal);
        var path = query < 0 ? target : target[..query];
        var start = $"{prefix}/{Uri.EscapeDataString(keyspace)}/";
        if (!path.StartsWith(start, StringComparison.OrdinalIgnoreCase))
        {
            start = $"{prefix}/{keyspace}/";
            if (!path.StartsWith(start, StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }
        }

        try
        {
            return Uri.UnescapeDataString(path[start.Length..]);
        }
        catch (UriFormatException)
        {
            return null;
        }
    }
}
