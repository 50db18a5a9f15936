using GeoStore.Core.Versioning;

namespace GeoStore.Abstractions.Messages;

/// <summary>
/// How a read may be served: <paramref name="After"/> is a write the client has seen (its session
/// token); the serving replica waits up to <paramref name="Wait"/> until it has applied that write,
/// giving read-your-writes across regions on request. <paramref name="R"/> is the request's own read
/// quorum in a Leaderless keyspace (already checked against the keyspace's N); null means the keyspace's R.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ReadOptions(
    [property: Id(0)] WriteVersion? After,
    [property: Id(1)] TimeSpan Wait,
    [property: Id(2)] int? R = null)
{
    public static ReadOptions Any { get; } = new(null, TimeSpan.Zero);
}
