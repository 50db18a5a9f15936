using GeoStore.Core.Causality;
using GeoStore.Core.Crdts;

namespace GeoStore.Core.Replication;

/// <summary>
/// The full state of one key's replica in keyspaces whose replicas exchange state rather than a
/// single version: the sibling set of a MultiValue keyspace, or the CRDT of a Crdt keyspace.
/// Merging either is commutative, associative and idempotent, so it can arrive twice, late or by
/// another path.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ReplicatedState(
    [property: Id(0)] SiblingSet? Siblings = null,
    [property: Id(1)] CrdtValue? Crdt = null);
