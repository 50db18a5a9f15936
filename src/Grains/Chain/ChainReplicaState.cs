using GeoStore.Core.Chain;

namespace GeoStore.Grains.Chain;

/// <summary>The stored state of one key at one chain member: the replica, with the chain it last heard of (its fence).</summary>
[GenerateSerializer]
public sealed class ChainReplicaState
{
    /// <summary>The name chain replicas store their state under.</summary>
    public const string StateName = "chain";

    [Id(0)]
    public ChainKeyReplica? Replica { get; set; }
}
