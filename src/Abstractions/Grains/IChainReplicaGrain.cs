using System.Collections.Immutable;
using GeoStore.Abstractions.Messages;
using GeoStore.Core.Chain;
using Orleans.Concurrency;

namespace GeoStore.Abstractions.Grains;

/// <summary>
/// One chain member's replica of one key of a Chain keyspace (grain key <c>region/keyspace/key</c>).
/// Every message carries the chain it was sent under; a replica refuses one older than the chain it
/// knows (<see cref="Errors.StaleChainException"/>) and adopts a newer one. Writes and forwards run
/// one at a time; reads interleave with them and see only what is durable.
/// </summary>
public interface IChainReplicaGrain : IRegionScopedGrain
{
    /// <summary>
    /// At the head: checks the condition, numbers the write and stores it (a write whose
    /// <paramref name="writeId"/> it holds already is not numbered again), sends every update the
    /// tail has not acknowledged down the chain and answers once the tail holds them.
    /// </summary>
    Task<WriteResult> Write(ChainMembership chain, Guid writeId, WriteCommand command);

    /// <summary>
    /// From the predecessor: applies the updates it lacks, in order (a resend changes nothing), sends
    /// on what its successor may lack and answers the sequence number the tail holds through.
    /// </summary>
    Task<long> Forward(ChainMembership chain, ImmutableArray<CraqVersion<ChainWrite>> updates);

    /// <summary>A CRAQ read: the committed version, from this member alone when the key is clean here, else after asking the tail.</summary>
    [AlwaysInterleave]
    Task<ChainReplicaRead> Read(ChainMembership chain);

    /// <summary>At the tail: the sequence number of the key's committed version.</summary>
    [AlwaysInterleave]
    Task<long> CommittedSequence(ChainMembership chain);

    /// <summary>This member's state of the key, for a member that joined behind it and must copy it.</summary>
    [AlwaysInterleave]
    Task<ChainKeyReplica> Snapshot(ChainMembership chain);

    /// <summary>This member's durable state of the key as it stands, fencing nothing: for tests and operators.</summary>
    [AlwaysInterleave]
    Task<ChainKeyReplica> Inspect();
}
