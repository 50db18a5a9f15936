using System.Net.Http.Headers;
using System.Text;

namespace GeoStore.Api.Tests;

/// <summary>Request bodies with an exact content type.</summary>
public static class HttpBodies
{
    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    /// <summary>A value with <paramref name="contentType"/> exactly as given (no charset parameter added).</summary>
    public static ByteArrayContent Value(string text, string contentType = "text/plain")
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(text));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return content;
    }
}
