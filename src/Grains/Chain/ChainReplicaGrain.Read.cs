using GeoStore.Abstractions.Messages;
using GeoStore.Core.Chain;

namespace GeoStore.Grains.Chain;

public sealed partial class ChainReplicaGrain
{
    public async Task<ChainReplicaRead> Read(ChainMembership chain)
    {
        var replica = await ViewAsync(chain);
        var local = replica.Key.ReadLocally();
        if (!local.MustAskTail)
        {
            return Answer(local, askedTail: false);
        }

        // Dirty here (the tail is never dirty): the tail says which version is committed. This member
        // holds it, because the tail's history is a prefix of its own; read it from what is stored
        // now, which holds at least what it held when the tail answered.
        var tail = chain.Configuration.Tail;
        long committed;
        try
        {
            committed = await transport.ChainCommittedAsync(tail, _key.Keyspace, _key.Key, chain);
        }
        catch (Exception ex) when (ex is Abstractions.Errors.RegionUnavailableException or TimeoutException)
        {
            throw Unreachable(tail, chain, ex);
        }

        return Answer((await ViewAsync(chain)).Key.ReadAt(committed), askedTail: true);
    }

    public async Task<long> CommittedSequence(ChainMembership chain)
    {
        var replica = await ViewAsync(chain);
        return replica.IsTail
            ? replica.Key.CommittedVersion
            : throw new InvalidOperationException($"Keyspace '{_key.Keyspace}': region '{Region}' is not the tail of chain {chain}; ask {chain.Configuration.Tail}.");
    }

    public async Task<ChainKeyReplica> Snapshot(ChainMembership chain) => await ViewAsync(chain);

    private ChainReplicaRead Answer(CraqRead<ChainWrite> read, bool askedTail) =>
        new(read.Version > 0 ? read.Value!.Value : null, read.Version, Region, askedTail);
}
