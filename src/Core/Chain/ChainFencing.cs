namespace GeoStore.Core.Chain;

/// <summary>How a message's chain fits what a replica knows (<see cref="ChainKeyReplica.Check"/>).</summary>
public enum ChainFencing
{
    /// <summary>The chain the replica knows: go ahead.</summary>
    Current,

    /// <summary>A newer chain: adopt it, then go ahead.</summary>
    Newer,

    /// <summary>An older chain than the replica knows: the sender was reconfigured away or has not heard yet. Refuse.</summary>
    Stale,

    /// <summary>A chain that does not hold this replica's region, or another chain under a known version: a sender's bug. Refuse.</summary>
    Foreign,
}
