using GeoStore.Core.Replication;
using GeoStore.Core.Versioning;

namespace GeoStore.Grains.Replication;

/// <summary>
/// The stored state of one inbox: how far it has applied its origin shard, and the newest write it
/// has applied from each region (an entry relayed by a ring or star keeps its writer's region).
/// </summary>
[GenerateSerializer]
public sealed class InboxState
{
    [Id(0)]
    public InboundPosition Position { get; set; } = InboundPosition.Start;

    [Id(1)]
    public TimestampVector? Newest { get; set; }

    /// <summary>Where the origin's shard ended when it last sent a batch.</summary>
    [Id(2)]
    public long OriginLast { get; set; }
}
