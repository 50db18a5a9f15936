using System.Collections.Immutable;
using GeoStore.Abstractions.Messages;
using GeoStore.Core.Replication;
using GeoStore.Core.Versioning;
using Orleans.Concurrency;

namespace GeoStore.Abstractions.Grains;

/// <summary>One region's replica of one key (grain key <c>region/keyspace/key</c>).</summary>
public interface IRegisterGrain : IRegionScopedGrain
{
    /// <summary>
    /// A local write: checks the condition, versions the write with the region's hybrid clock,
    /// appends it to the region's log (write-ahead), applies it and answers.
    /// </summary>
    Task<WriteResult> Write(WriteCommand command);

    /// <summary>
    /// A write of a Leaderless keyspace at its coordinating replica: first merges
    /// <paramref name="newest"/> (what a linearizable write's read quorum found newest), then checks
    /// the condition, versions the write above everything this replica has seen, stores it, and
    /// returns the entry the coordinator sends to the other replicas. Nothing goes to the
    /// replication log.
    /// </summary>
    Task<PreparedWrite> WriteForQuorum(WriteCommand command, LogEntry? newest);

    /// <summary>Applies CRDT operations locally, logs the resulting state (write-ahead) and answers.</summary>
    Task<WriteResult> Update(CrdtCommand command);

    Task<ReplicaRead> Read();

    /// <summary>
    /// Merges an entry replicated from another region under the keyspace's resolver. Idempotent;
    /// returns whether it changed the register. When the keyspace's route passes the entry on from
    /// this region (ring, star), the register logs it for its next hops before it applies it.
    /// </summary>
    Task<bool> ApplyReplicated(LogEntry entry);

    /// <summary>
    /// Waits until this replica has applied <paramref name="version"/> (or a write that saw it), at
    /// most <paramref name="timeout"/>; true when it has. Interleaves, so it never holds up the
    /// replication it waits for.
    /// </summary>
    [AlwaysInterleave]
    Task<bool> AwaitSeen(WriteVersion version, TimeSpan timeout);

    /// <summary>
    /// Anti-entropy's tombstone purge: clears this replica's stored state and deactivates, but only
    /// when all it holds is the delete <paramref name="version"/> with exactly the digest
    /// <paramref name="digest"/> (<see cref="Core.AntiEntropy.ReplicaDigest"/>), and this region's
    /// log holds nothing of the key still on its way to a peer; true when it purged. Anything else
    /// (a newer write, an unshipped entry, a MultiValue sibling set, whose context numbers the
    /// region's writes) keeps the state, so a purge never races a write.
    /// </summary>
    Task<bool> PurgeTombstone(WriteVersion version, ulong digest);

    /// <summary>
    /// SingleLeader, after a failover: if this replica serves one of <paramref name="orphans"/> (a
    /// deposed leader's writes the new leader never received), it takes <paramref name="leader"/>,
    /// the new leader's state of the key, under <paramref name="epoch"/>; true when it changed.
    /// </summary>
    Task<bool> DropOrphan(ImmutableArray<WriteVersion> orphans, ReplicaRead leader, long epoch);

    /// <summary>
    /// After a failover, this follower's replica of the key gives way to <paramref name="leader"/>,
    /// the state of the key at the leader of epoch <paramref name="epoch"/>: a value the leader has
    /// seen gives way to the leader's; a value of a deposed epoch the leader never saw is an orphan,
    /// answered and replaced; a value of epoch <paramref name="epoch"/> or later is kept (the leader's
    /// own newer write, on its way through the log).
    /// </summary>
    Task<AdoptResult> Adopt(ReplicaRead leader, long epoch);
}
