using GeoStore.Abstractions.Errors;
using GeoStore.Abstractions.Messages;
using GeoStore.Core.Chain;

namespace GeoStore.Grains.Chain;

public sealed partial class ChainCoordinator
{
    /// <summary>
    /// A linearizable read. The local region's member answers when the chain has one here (CRAQ: a
    /// clean key from its own state, a dirty one after asking the tail which version is committed);
    /// otherwise the tail, then the other members. The answer stands only if the chain it was read
    /// under is still the catalog's current one: a member removed meanwhile (a tail cut off, say)
    /// may lack writes the new chain has acknowledged since, so the read is done again.
    /// </summary>
    public async Task<ReadResult> ReadAsync(string keyspace, string key)
    {
        var operation = new ChainOperation("read", keyspace, time.GetTimestamp(), time.GetUtcNow() + _timeout);
        var chain = await KnownAsync(keyspace);
        var unreachable = new HashSet<string>(StringComparer.Ordinal);
        ChainMemberUnreachableException? reported = null;
        while (true)
        {
            var remaining = operation.Deadline - time.GetUtcNow();
            if (remaining <= TimeSpan.Zero)
            {
                throw GaveUp(operation, chain, "no member answered in time");
            }

            var member = ReadingMember(chain.Configuration, unreachable);
            if (member is null)
            {
                // Every member failed from here. One a member reported (the tail it had to ask, say)
                // is removed, once per read; the read then tries the new chain.
                if (reported is null || !operation.TakeOwnRemoval())
                {
                    throw GaveUp(operation, chain, $"no member of the chain could answer from {Local}");
                }

                chain = await RemoveAsync(operation, chain, reported.Member, reported.ChainVersion);
                reported = null;
                unreachable.Clear();
                continue;
            }

            try
            {
                var read = await transport.ChainReadAsync(member, keyspace, key, chain).WaitAsync(remaining, time);
                var current = await Catalog.GetChain(keyspace) ?? throw new KeyspaceNotFoundException(keyspace);
                if (current.Version != chain.Version)
                {
                    chain = Remember(keyspace, current);
                    unreachable.Clear();
                    continue;
                }

                metrics.RecordOperation(Local, keyspace, operation.Name, "answered", time.GetElapsedTime(operation.Started));
                var answer = new ChainAnswer(chain.Version, chain.Configuration.Members, read.ServedBy, read.Sequence, read.AskedTail);
                return new ReadResult(read.Value, read.ServedBy, Chain: answer);
            }
            catch (StaleChainException)
            {
                chain = await FreshAsync(keyspace, chain);
                unreachable.Clear();
            }
            catch (ChainUnavailableException e)
            {
                throw GaveUp(operation, chain, e.Reason);
            }
            catch (ChainMemberUnreachableException e)
            {
                // The member could not reach the tail (or its predecessor): maybe the tail is down,
                // maybe only that member is cut off. Ask the next member before removing anyone.
                operation.Failed(e.Member, mayBeApplied: false);
                reported = e;
                unreachable.Add(member);
            }
            catch (RegionUnavailableException e) when (e.Region == member)
            {
                // Unreachable from here only, as far as anyone knows: ask another member, remove nobody.
                operation.Failed(member, mayBeApplied: false);
                unreachable.Add(member);
            }
            catch (TimeoutException)
            {
                operation.Failed(member, mayBeApplied: false);
                throw GaveUp(operation, chain, "no member answered in time");
            }
        }
    }

    /// <summary>The member to read at: this region's (CRAQ), else the tail, else the others from the tail back; null when every one failed.</summary>
    private string? ReadingMember(ChainConfiguration chain, IReadOnlySet<string> unreachable)
    {
        if (chain.Contains(Local) && !unreachable.Contains(Local))
        {
            return Local;
        }

        return chain.Members.Reverse().FirstOrDefault(m => !unreachable.Contains(m));
    }
}
