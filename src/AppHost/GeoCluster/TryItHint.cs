using System.Text;

namespace GeoStore.AppHost.GeoCluster;

/// <summary>The "try it" text printed once the geo-cluster is ready: a few curl commands against it.</summary>
public static class TryItHint
{
    public static string Render(IReadOnlyList<(string Region, string ApiUrl)> apis, string adminToken, bool showToken, string? controlUrl = null)
    {
        ArgumentNullException.ThrowIfNull(apis);
        var (firstRegion, first) = apis[0];
        var (otherRegion, other) = apis.Count > 1 ? apis[1] : apis[0];
        var token = showToken ? adminToken : "<admin token>";
        return new StringBuilder()
            .AppendLine()
            .AppendLine("Try it:")
            .AppendLine($"  # write in {firstRegion}")
            .AppendLine($"  curl -i -X PUT --data-binary 'hello' {first}/v1/kv/default/greeting")
            .AppendLine($"  # read it in {otherRegion} once it has replicated")
            .AppendLine($"  curl -i {other}/v1/kv/default/greeting")
            .AppendLine("  # regions, log positions and lag")
            .AppendLine($"  curl -H 'Authorization: Bearer {token}' {first}/v1/admin/regions")
            .AppendLine($"  # API reference: {first}/scalar/v1")
            .AppendLine(controlUrl is null ? string.Empty : $"  # every process (state, endpoints, restarts, log; stop and start): {controlUrl}")
            .AppendLine()
            .AppendLine("Press Ctrl+C to stop every resource.")
            .ToString();
    }
}
