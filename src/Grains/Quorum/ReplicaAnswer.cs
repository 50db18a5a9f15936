using GeoStore.Abstractions.Messages;

namespace GeoStore.Grains.Quorum;

/// <summary>One replica's answer to a quorum read.</summary>
internal sealed record ReplicaAnswer(string Region, ReplicaRead Read);
