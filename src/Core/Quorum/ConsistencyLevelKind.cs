namespace GeoStore.Core.Quorum;

/// <summary>How a <see cref="ConsistencyLevel"/> names its replica count.</summary>
public enum ConsistencyLevelKind
{
    /// <summary>An explicit number of replicas.</summary>
    Count,

    /// <summary>One replica.</summary>
    One,

    /// <summary>A majority: floor(N/2)+1 replicas.</summary>
    Quorum,

    /// <summary>Every one of the N replicas.</summary>
    All,
}
