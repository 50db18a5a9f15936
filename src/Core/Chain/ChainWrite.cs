using GeoStore.Core.Versioning;

namespace GeoStore.Core.Chain;

/// <summary>
/// One write as it travels down a chain: the value (a tombstone for a delete) and the id the
/// coordinator gave the client's request, so a request sent again after a reconfiguration is
/// recognised wherever it already arrived instead of being numbered twice.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ChainWrite(
    [property: Id(0)] Guid WriteId,
    [property: Id(1)] VersionedValue Value);
