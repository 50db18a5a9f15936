namespace GeoStore.Core.Replication;

/// <summary>How far a receiver has applied one origin shard's log: everything through <paramref name="AppliedThrough"/> of <paramref name="Incarnation"/>.</summary>
[GenerateSerializer, Immutable]
public sealed record InboundPosition(
    [property: Id(0)] Guid Incarnation,
    [property: Id(1)] long AppliedThrough)
{
    public static InboundPosition Start { get; } = new(Guid.Empty, 0);
}
