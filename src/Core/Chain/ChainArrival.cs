namespace GeoStore.Core.Chain;

/// <summary>How an update arriving from the predecessor fits a node's history (<see cref="ChainNodeState.Classify"/>).</summary>
public enum ChainArrival
{
    /// <summary>The update right after the last one received: apply it, then forward it (or, at the tail, acknowledge it).</summary>
    Next,

    /// <summary>Already received, typically sent again after a reconfiguration: ignore it.</summary>
    Duplicate,

    /// <summary>
    /// Updates before it are missing. Links between neighbours are FIFO and every resend starts at
    /// what the receiver reported, so a gap means a lost message or a bug: do not apply it.
    /// </summary>
    Gap,
}
