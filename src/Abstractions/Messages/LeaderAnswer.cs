using GeoStore.Core.Leadership;

namespace GeoStore.Abstractions.Messages;

/// <summary>
/// What a SingleLeader write reached: its epoch and log position (<paramref name="Shard"/> of the
/// leader's log, sequence in <see cref="WriteReach.Sequence"/>), and which followers received and
/// applied it by the time it was acknowledged.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record LeaderAnswer(
    [property: Id(0)] WriteReach Reach,
    [property: Id(1)] int Shard,
    [property: Id(2)] AckRequirement Requirement)
{
    /// <summary>The log position as the API states it: <c>epoch:shard:sequence</c>.</summary>
    public string Position => FormattableString.Invariant($"{Reach.Epoch.Number}:{Shard}:{Reach.Sequence}");
}
