namespace GeoStore.Bench.Quorum;

/// <summary>What a quorum phase measures: writes that wait for W acks, or reads that wait for R answers.</summary>
public enum QuorumOperation
{
    Write,
    Read,
}
