using GeoStore.Core.Versioning;

namespace GeoStore.Core.Resolution;

/// <summary>The result of a single-value merge: the new state, whether it changed, and the concurrent version it discarded, if any.</summary>
public sealed record SingleValueOutcome(SingleValueState State, bool Changed, VersionedValue? Loser);
