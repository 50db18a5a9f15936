using System.Security.Cryptography;
using System.Text;
using GeoStore.Api.Problems;
using Microsoft.Extensions.Options;

namespace GeoStore.Api.Apis;

/// <summary>Admits a request to the admin API only with <c>Authorization: Bearer &lt;GeoStore:AdminToken&gt;</c>.</summary>
public sealed class AdminAuthorization(IOptionsMonitor<AdminOptions> options) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var expected = options.CurrentValue.AdminToken;
        var header = context.HttpContext.Request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        if (string.IsNullOrEmpty(expected)
            || !header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase)
            || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(header[scheme.Length..].Trim()), Encoding.UTF8.GetBytes(expected)))
        {
            context.HttpContext.Response.Headers.WWWAuthenticate = "Bearer realm=\"geostore-admin\"";
            return Problem.Unauthorized();
        }

        return await next(context);
    }
}
