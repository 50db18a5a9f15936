using GeoStore.Abstractions.Errors;
using GeoStore.Abstractions.Grains;
using GeoStore.Core.Chain;
using GeoStore.Core.Clocks;
using GeoStore.Grains.Placement;
using GeoStore.Grains.Transport;
using Microsoft.Extensions.Logging;
using Orleans.Concurrency;

namespace GeoStore.Grains.Chain;

/// <summary>
/// One chain member's replica of one key of a Chain keyspace. Writes (at the head) and forwards
/// (from the predecessor) take the member's turn one at a time, store what they apply before they
/// send it on, and wait for the successor's answer: the tail's acknowledgement comes back as the
/// return value, so a write is answered once every member holds it. Reads, version queries and
/// snapshots interleave with a turn that waits on the WAN and see only what is stored.
/// Writes are in <c>ChainReplicaGrain.Write.cs</c>, reads in <c>ChainReplicaGrain.Read.cs</c>.
/// </summary>
/// <remarks>
/// Reentrant with an explicit turn lock, so that a message from an older chain is refused at once
/// even while a turn waits on the WAN: a removed member and its successor may each be sending to
/// the other under different chains, and neither may wait for the other's turn.
/// </remarks>
[RegionPlacement, GrainType(ChainKey.GrainType), Reentrant]
public sealed partial class ChainReplicaGrain(
    [PersistentState(ChainReplicaState.StateName, GeoStoreStorage.Registers)] IPersistentState<ChainReplicaState> state,
    IRegionTransport transport,
    HybridClock clock,
    ILogger<ChainReplicaGrain> logger) : Grain, IChainReplicaGrain
{
    private readonly SemaphoreSlim _turn = new(1, 1);
    private ChainKey _key;

    /// <summary>What is stored; only a finished state write replaces it, so interleaved reads never see more.</summary>
    private ChainKeyReplica _replica = null!;

    private string Region => _key.Region;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _key = ChainKey.Parse(this.GetPrimaryKeyString());
        _replica = state.State.Replica ?? ChainKeyReplica.Empty(_key.Region);
        return Task.CompletedTask;
    }

    public Task<ChainKeyReplica> Inspect() => Task.FromResult(_replica);

    /// <summary>Refuses a message from an older chain (or one that does not hold this region); says whether the chain is newer.</summary>
    private ChainFencing Fence(ChainMembership chain)
    {
        ArgumentNullException.ThrowIfNull(chain);
        var fencing = _replica.Check(chain);
        return fencing switch
        {
            ChainFencing.Stale => throw new StaleChainException(_key.Keyspace, Region, chain.Version, _replica.KnownVersion),
            ChainFencing.Foreign => throw new InvalidOperationException(
                $"Keyspace '{_key.Keyspace}': region '{Region}' got a message under chain {chain}, which {(chain.Configuration.Contains(Region) ? $"differs from the chain of that version it knows, {_replica.Membership}" : "it is no member of")}."),
            _ => fencing,
        };
    }

    /// <summary>
    /// In a turn: the replica under <paramref name="chain"/>, stored. A member that rejoined copies
    /// the key from its predecessor first; a newer chain is adopted (a new tail commits all it holds).
    /// </summary>
    private async Task<ChainKeyReplica> EnterAsync(ChainMembership chain)
    {
        var fencing = Fence(chain);
        var replica = _replica;
        if (replica.MustCopy(chain))
        {
            replica = replica.CopiedFrom(await CopyAsync(chain), chain);
            logger.Copied(Region, _key.Keyspace, _key.Key, chain.Configuration.Predecessor(Region)!, chain.Version);
        }
        else if (fencing == ChainFencing.Newer)
        {
            replica = replica.Adopt(chain);
        }
        else
        {
            return replica;
        }

        await PersistAsync(replica);
        return replica;
    }

    /// <summary>Outside a turn: the replica as <see cref="EnterAsync"/> would make it, without storing anything.</summary>
    private async Task<ChainKeyReplica> ViewAsync(ChainMembership chain)
    {
        var fencing = Fence(chain);
        var replica = _replica;
        return replica.MustCopy(chain) ? replica.CopiedFrom(await CopyAsync(chain), chain)
            : fencing == ChainFencing.Newer ? replica.Adopt(chain)
            : replica;
    }

    /// <summary>The predecessor's state of the key, for a member that (re)joined or lost what it held.</summary>
    private async Task<ChainKeyReplica> CopyAsync(ChainMembership chain)
    {
        var predecessor = chain.Configuration.Predecessor(Region)
            ?? throw new ChainUnavailableException(_key.Keyspace, "copy", chain.Version, [.. chain.Configuration.Members], [], false,
                $"region '{Region}' joined the chain after its creation and has not copied key '{_key.Key}' yet, and no member before it is left to copy from");
        try
        {
            return await transport.ChainSnapshotAsync(predecessor, _key.Keyspace, _key.Key, chain);
        }
        catch (Exception ex) when (ex is RegionUnavailableException or TimeoutException)
        {
            throw Unreachable(predecessor, chain, ex);
        }
    }

    private ChainMemberUnreachableException Unreachable(string member, ChainMembership chain, Exception error)
    {
        var mayHaveActed = error is not RegionUnavailableException { MayHaveActed: false };
        var reason = error is RegionUnavailableException unavailable ? unavailable.Reason : error.Message;
        logger.MemberFailed(Region, _key.Keyspace, member, chain.Version, reason);
        return new ChainMemberUnreachableException(_key.Keyspace, member, chain.Version, mayHaveActed, reason);
    }

    /// <summary>
    /// Stores <paramref name="replica"/>, then makes it what reads see. If the store refuses, this
    /// activation goes away and the next one starts from what is stored.
    /// </summary>
    private async Task PersistAsync(ChainKeyReplica replica)
    {
        state.State.Replica = replica;
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            state.State.Replica = _replica;
            DeactivateOnIdle();
            throw;
        }

        _replica = replica;
    }

    /// <summary>A timestamp above the key's newest version and above <paramref name="after"/>, the write the client says it saw.</summary>
    private HybridTimestamp NextTimestamp(ChainKeyReplica replica, HybridTimestamp? after)
    {
        var newest = replica.Newest?.Version.Timestamp;
        var floor = newest is { } n && after is { } a ? (a > n ? a : n) : newest ?? after;
        return floor is { } f ? clock.Observe(f) : clock.Now();
    }
}
