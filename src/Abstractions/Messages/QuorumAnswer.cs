using System.Collections.Immutable;

namespace GeoStore.Abstractions.Messages;

/// <summary>
/// Which replicas a quorum operation of a Leaderless keyspace reached by the time it answered:
/// <paramref name="Acked"/> stored the write (or answered the read), <paramref name="Hinted"/> were
/// unreachable and have a hint held for them in the coordinator's region (counted towards W only in
/// sloppy keyspaces), <paramref name="Failed"/> could not be reached or did not answer in time, and
/// <paramref name="Repaired"/> answered a read with an older state and were sent the newest.
/// Replicas in none of the lists were still working on it when the answer went out.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record QuorumAnswer(
    [property: Id(0)] int Required,
    [property: Id(1)] ImmutableArray<string> Acked,
    [property: Id(2)] ImmutableArray<string> Hinted,
    [property: Id(3)] ImmutableArray<string> Failed,
    [property: Id(4)] ImmutableArray<string> Repaired)
{
    /// <summary>What counted towards <see cref="Required"/>.</summary>
    public int Reached(bool sloppy) => Acked.Length + (sloppy ? Hinted.Length : 0);
}
