using System.Collections.Concurrent;
using GeoStore.Abstractions.Catalog;
using GeoStore.Abstractions.Errors;
using GeoStore.Abstractions.Grains;
using GeoStore.Abstractions.Messages;
using GeoStore.Core.Chain;
using GeoStore.Grains.Regions;
using GeoStore.Grains.Transport;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GeoStore.Grains.Chain;

/// <summary>
/// Runs the reads and writes of Chain keyspaces from the region it is in, and reconfigures a chain
/// when a member fails. A write goes to the head, which numbers it and sends it down the chain; the
/// answer comes back once the tail holds it. When a member cannot be reached the coordinator
/// removes it through the catalog's compare-and-set (the head's successor becomes the head, the
/// tail's predecessor the tail, a middle member's neighbours are linked) and sends the same write
/// again: the head knows it by its id and resends every update the new chain may lack, so nothing
/// is numbered twice and nothing acknowledged is lost. Reads are in <c>ChainCoordinator.Read.cs</c>.
/// </summary>
/// <remarks>
/// Every message carries the chain it was sent under, and members refuse older ones
/// (<see cref="StaleChainException"/>); the coordinator then takes the catalog's chain and tries
/// again. The catalog is the configuration service: it is not behind the simulated WAN.
/// </remarks>
public sealed partial class ChainCoordinator(
    IRegionTransport transport,
    KeyspaceCache keyspaces,
    IGrainFactory grains,
    ControlPlane controlPlane,
    RegionDirectory regions,
    IOptions<ChainOptions> options,
    TimeProvider time,
    ChainMetrics metrics,
    ILogger<ChainCoordinator> logger)
{
    private readonly TimeSpan _timeout = options.Value.Timeout;
    private readonly ConcurrentDictionary<string, ChainMembership> _chains = new(StringComparer.Ordinal);

    private string Local => regions.LocalRegion;

    private IKeyspaceCatalogGrain Catalog => grains.GetGrain<IKeyspaceCatalogGrain>(controlPlane.Key);

    public async Task<WriteResult> WriteAsync(WriteCommand command)
    {
        var operation = new ChainOperation("write", command.Keyspace, time.GetTimestamp(), time.GetUtcNow() + _timeout);
        var writeId = Guid.NewGuid();
        var chain = await KnownAsync(command.Keyspace);
        while (true)
        {
            var remaining = operation.Deadline - time.GetUtcNow();
            if (remaining <= TimeSpan.Zero)
            {
                throw GaveUp(operation, chain, "the tail did not acknowledge the write in time");
            }

            var head = chain.Configuration.Head;
            try
            {
                var result = await transport.ChainWriteAsync(head, chain, writeId, command).WaitAsync(remaining, time);
                metrics.RecordOperation(Local, command.Keyspace, operation.Name, result.Status == WriteStatus.Applied ? "acknowledged" : "refused", time.GetElapsedTime(operation.Started));
                return result;
            }
            catch (StaleChainException e)
            {
                // Refused past the head: the head had taken the write, and keeps it in its history.
                if (e.Region != head)
                {
                    operation.Failed(e.Region, mayBeApplied: true);
                }

                chain = await FreshAsync(command.Keyspace, chain);
            }
            catch (ChainUnavailableException e)
            {
                throw GaveUp(operation, chain, e.Reason);
            }
            catch (ChainMemberUnreachableException e)
            {
                // The head has the write: it stays in its history and goes down the new chain with the next attempt.
                operation.Failed(e.Member, mayBeApplied: true);
                chain = await RemoveAsync(operation, chain, e.Member, e.ChainVersion);
            }
            catch (RegionUnavailableException e) when (e.Region == head)
            {
                operation.Failed(head, e.MayHaveActed);

                // Only once per write: a coordinator cut off from every region would otherwise empty the chain.
                if (!operation.TakeOwnRemoval())
                {
                    throw GaveUp(operation, chain, $"the head {head} cannot be reached from {Local} either");
                }

                chain = await RemoveAsync(operation, chain, head, chain.Version);
            }
            catch (TimeoutException)
            {
                operation.Failed(head, mayBeApplied: true);
                throw GaveUp(operation, chain, "the tail did not acknowledge the write in time");
            }
        }
    }

    /// <summary>The newest chain this silo knows for <paramref name="keyspace"/>: its catalog copy's, or a newer one it was told of.</summary>
    private async Task<ChainMembership> KnownAsync(string keyspace)
    {
        var definition = await keyspaces.FindAsync(keyspace) ?? throw new KeyspaceNotFoundException(keyspace);
        var cached = definition.Chain ?? throw new InvalidOperationException($"Keyspace '{keyspace}' is {definition.Policy.Mode}; it has no chain.");
        return _chains.AddOrUpdate(keyspace, cached, (_, known) => known.Version >= cached.Version ? known : cached);
    }

    /// <summary>The chain as the catalog holds it now (a member knew a newer one than <paramref name="tried"/>).</summary>
    private async Task<ChainMembership> FreshAsync(string keyspace, ChainMembership tried)
    {
        var current = await Catalog.GetChain(keyspace) ?? throw new KeyspaceNotFoundException(keyspace);
        logger.Refreshed(Local, keyspace, tried.Version, current.Version);
        return Remember(keyspace, current);
    }

    private ChainMembership Remember(string keyspace, ChainMembership chain) =>
        _chains.AddOrUpdate(keyspace, chain, (_, known) => known.Version >= chain.Version ? known : chain);

    /// <summary>
    /// Removes <paramref name="failed"/>, which failed under chain version <paramref name="seenUnder"/>,
    /// from <paramref name="chain"/> through the catalog's compare-and-set, and returns the chain now
    /// current (this one's change, or whichever reconfiguration won).
    /// </summary>
    private async Task<ChainMembership> RemoveAsync(ChainOperation operation, ChainMembership chain, string failed, long seenUnder)
    {
        if (seenUnder != chain.Version || !chain.Configuration.Contains(failed))
        {
            // Seen under another chain than the one tried: ask the catalog which one is current.
            return await FreshAsync(operation.Keyspace, chain);
        }

        if (chain.Configuration.Length == 1)
        {
            throw GaveUp(operation, chain, $"its only member, {failed}, cannot be reached");
        }

        var next = await Catalog.ReconfigureChain(operation.Keyspace, chain.Version, chain.Configuration.Without(failed));
        if (next.Version == chain.Version + 1 && !next.Configuration.Contains(failed))
        {
            logger.Reconfigured(Local, operation.Keyspace, chain.ToString(), next.ToString(), failed);
            metrics.RecordReconfiguration(Local, operation.Keyspace, failed);
        }

        return Remember(operation.Keyspace, next);
    }

    private ChainUnavailableException GaveUp(ChainOperation operation, ChainMembership chain, string reason)
    {
        logger.GaveUp(Local, operation.Keyspace, operation.Name, chain.ToString(), reason);
        metrics.RecordOperation(Local, operation.Keyspace, operation.Name, "unavailable", time.GetElapsedTime(operation.Started));
        return new ChainUnavailableException(
            operation.Keyspace, operation.Name, chain.Version, [.. chain.Configuration.Members], [.. operation.Unreached], operation.MayBeApplied, reason);
    }
}
