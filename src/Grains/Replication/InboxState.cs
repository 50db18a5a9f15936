using GeoStore.Core.Replication;

namespace GeoStore.Grains.Replication;

/// <summary>The stored state of one inbox: how far it has applied its origin shard.</summary>
[GenerateSerializer]
public sealed class InboxState
{
    [Id(0)]
    public InboundPosition Position { get; set; } = InboundPosition.Start;
}
