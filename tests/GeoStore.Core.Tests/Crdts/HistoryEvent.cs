using System.Collections.Immutable;
using GeoStore.Core.Clocks;
using GeoStore.Core.Crdts;

namespace GeoStore.Core.Tests.Crdts;

/// <summary>One operation of a <see cref="ReplicaHistory"/>, with the ids of the operations its region had seen.</summary>
internal sealed record HistoryEvent(int Id, string Region, HybridTimestamp Timestamp, CrdtOperation Operation, ImmutableHashSet<int> Seen);
