using System.Net.Sockets;
using GeoStore.AppHost.Model;

namespace GeoStore.AppHost.Readiness;

/// <summary>Runs a resource's <see cref="ReadinessCheck"/> once.</summary>
public sealed class ReadinessProber(HttpClient http, TimeProvider time)
{
    /// <summary>How long one check may take before it counts as "not ready yet".</summary>
    public static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(2);

    public async Task<bool> IsReadyAsync(Resource resource, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(resource);
        if (resource.Readiness is not { } check)
        {
            return true;
        }

        var endpoint = resource.GetEndpoint(check.EndpointName);
        using var timeout = new CancellationTokenSource(CheckTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            return check switch
            {
                HttpReadinessCheck http => await IsHttpReadyAsync(new Uri(endpoint.Url + http.Path), linked.Token),
                TcpReadinessCheck => await IsTcpReadyAsync(endpoint, linked.Token),
                _ => throw new NotSupportedException($"Unknown readiness check {check.GetType().Name}."),
            };
        }
        catch (Exception ex) when (ex is HttpRequestException or SocketException
            || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return false;
        }
    }

    private async Task<bool> IsHttpReadyAsync(Uri uri, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(uri, cancellationToken);
        return response.IsSuccessStatusCode;
    }

    private static async Task<bool> IsTcpReadyAsync(ResourceEndpoint endpoint, CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(endpoint.Host, endpoint.Port, cancellationToken);
        return true;
    }
}
