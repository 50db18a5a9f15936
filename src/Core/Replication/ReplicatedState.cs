namespace GeoStore.Core.Replication;

/// <summary>
/// The full state of one key's replica in keyspaces whose replicas exchange state rather than a
/// single version: sibling sets (MultiValue) and CRDTs. Merging it is commutative, associative and
/// idempotent, so it can arrive twice, late or by another path.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ReplicatedState;
