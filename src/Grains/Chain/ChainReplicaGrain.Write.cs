using System.Collections.Immutable;
using GeoStore.Abstractions.Errors;
using GeoStore.Abstractions.Messages;
using GeoStore.Core.Chain;
using GeoStore.Core.Versioning;
using GeoStore.Grains.Registers;

namespace GeoStore.Grains.Chain;

public sealed partial class ChainReplicaGrain
{
    public async Task<WriteResult> Write(ChainMembership chain, Guid writeId, WriteCommand command)
    {
        Fence(chain);
        await _turn.WaitAsync();
        try
        {
            var replica = await EnterAsync(chain);
            if (!chain.Configuration.IsHead(Region))
            {
                throw new InvalidOperationException($"Keyspace '{_key.Keyspace}': region '{Region}' is not the head of chain {chain}; writes go to {chain.Configuration.Head}.");
            }

            // A request sent again (its reply lost, or the chain reconfigured under it) keeps the number it got.
            var receipt = replica.Find(writeId);
            if (receipt is null)
            {
                if (!WriteConditions.Holds(command.Condition, replica.Newest))
                {
                    return new WriteResult(WriteStatus.PreconditionFailed, replica.Newest?.Version, Region, 0, replica.Node.ReceivedThrough, Chain: Answer(chain, Region, replica.Node.ReceivedThrough));
                }

                var version = new WriteVersion(NextTimestamp(replica, command.After?.Timestamp), Region);
                var value = new VersionedValue(version, command.Value, command.Value is null ? null : command.ContentType);
                (replica, receipt) = replica.Accept(new ChainWrite(writeId, value));
                await PersistAsync(replica);
            }

            if (!replica.IsAcknowledged(receipt.Sequence))
            {
                var acknowledged = await SendOnAsync(chain, replica);
                replica = _replica = replica.Acknowledge(acknowledged);
                if (!replica.IsAcknowledged(receipt.Sequence))
                {
                    throw new InvalidOperationException($"Keyspace '{_key.Keyspace}': the tail of {chain} acknowledged key '{_key.Key}' through {acknowledged}, short of write {receipt.Sequence} it was sent.");
                }
            }

            return new WriteResult(WriteStatus.Applied, receipt.Version, Region, 0, receipt.Sequence, Chain: Answer(chain, chain.Configuration.Tail, receipt.Sequence));
        }
        finally
        {
            _turn.Release();
        }
    }

    public async Task<long> Forward(ChainMembership chain, ImmutableArray<CraqVersion<ChainWrite>> updates)
    {
        Fence(chain);
        await _turn.WaitAsync();
        try
        {
            var replica = await EnterAsync(chain);
            if (chain.Configuration.IsHead(Region))
            {
                throw new InvalidOperationException($"Keyspace '{_key.Keyspace}': region '{Region}' heads chain {chain} and takes no updates from another member.");
            }

            var received = replica.Receive(updates);
            if (received.Gap)
            {
                // This member lost what it held (memory storage and a silo that went away): the
                // predecessor holds all it sends and everything before, so copy the key from it.
                received = replica.CopiedFrom(await CopyAsync(chain), chain).Receive(updates);
                if (received.Gap)
                {
                    throw new InvalidOperationException($"Keyspace '{_key.Keyspace}': updates of key '{_key.Key}' sent to '{Region}' under {chain} skip past what its predecessor holds.");
                }

                await PersistAsync(received.Replica);
            }
            else if (received.Applied > 0)
            {
                await PersistAsync(received.Replica);
            }

            replica = received.Replica;
            if (replica.IsTail || replica.Pending.IsEmpty)
            {
                // The tail holds all it received; a member with nothing unacknowledged knows the tail holds it too.
                return replica.Node.ReceivedThrough;
            }

            var acknowledged = await SendOnAsync(chain, replica);
            _replica = replica.Acknowledge(acknowledged);
            return acknowledged;
        }
        finally
        {
            _turn.Release();
        }
    }

    /// <summary>
    /// Sends every update the tail has not acknowledged to the successor (a resend after a
    /// reconfiguration is just this: the successor skips what it holds) and returns the tail's
    /// acknowledgement. A successor that cannot be reached is reported as the failed member.
    /// </summary>
    private async Task<long> SendOnAsync(ChainMembership chain, ChainKeyReplica replica)
    {
        var successor = chain.Configuration.Successor(Region)!;
        try
        {
            return await transport.ChainForwardAsync(successor, _key.Keyspace, _key.Key, chain, replica.Pending);
        }
        catch (Exception ex) when (ex is RegionUnavailableException or TimeoutException)
        {
            throw Unreachable(successor, chain, ex);
        }
    }

    private static ChainAnswer Answer(ChainMembership chain, string servedBy, long sequence, bool askedTail = false) =>
        new(chain.Version, chain.Configuration.Members, servedBy, sequence, askedTail);
}
