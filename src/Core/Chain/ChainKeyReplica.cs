using System.Collections.Immutable;
using GeoStore.Core.Versioning;

namespace GeoStore.Core.Chain;

/// <summary>
/// One key at one chain member: the chain it last heard of (<see cref="Membership"/>, its fencing
/// token), where it stands in the key's update stream (<see cref="Node"/>: sequence numbers per key,
/// from 1), the key's committed and uncommitted versions (<see cref="Key"/>, CRAQ style: a version is
/// dirty until the tail holds it) and the request ids of its latest writes (<see cref="Recent"/>), so
/// a write sent again after a reconfiguration is found instead of numbered twice. Every transition
/// returns a new replica.
/// </summary>
/// <remarks>
/// <see cref="ChainNodeState.AcknowledgedThrough"/> and <see cref="CraqKeyState{T}.CommittedVersion"/>
/// move together: each sequence number is a version of this one key, so the updates not yet
/// acknowledged are exactly the key's dirty versions, and those are what a member sends on.
/// </remarks>
[GenerateSerializer, Immutable]
public sealed record ChainKeyReplica(
    [property: Id(0)] string Region,
    [property: Id(1)] ChainMembership? Membership,
    [property: Id(2)] ChainNodeState Node,
    [property: Id(3)] CraqKeyState<ChainWrite> Key,
    [property: Id(4)] ImmutableArray<ChainReceipt> Recent)
{
    /// <summary>How many of a key's latest writes a replica remembers by request id.</summary>
    public const int RecentLimit = 64;

    /// <summary>A replica that has heard of no chain and holds nothing.</summary>
    public static ChainKeyReplica Empty(string region) =>
        new(region, null, ChainNodeState.Empty(region), CraqKeyState<ChainWrite>.Empty, []);

    /// <summary>The version of the newest chain this replica has heard of; 0 before any.</summary>
    public long KnownVersion => Membership?.Version ?? 0;

    /// <summary>True when the chain this replica knows makes it the tail.</summary>
    public bool IsTail => Membership?.Configuration.IsTail(Region) ?? false;

    /// <summary>The updates this replica holds that the tail has not acknowledged, oldest first: what it sends its successor.</summary>
    public ImmutableArray<CraqVersion<ChainWrite>> Pending => Key.Dirty;

    /// <summary>The newest version this replica holds, committed or not (a tombstone for a delete), or null.</summary>
    public VersionedValue? Newest => Key.Dirty.IsEmpty ? Key.Clean?.Value.Value : Key.Dirty[^1].Value.Value;

    /// <summary>How a message sent under <paramref name="sent"/> fits what this replica knows.</summary>
    public ChainFencing Check(ChainMembership sent)
    {
        ArgumentNullException.ThrowIfNull(sent);
        if (!sent.Configuration.Contains(Region))
        {
            return ChainFencing.Foreign;
        }

        if (sent.Version < KnownVersion)
        {
            return ChainFencing.Stale;
        }

        if (sent.Version == KnownVersion)
        {
            return sent.Equals(Membership) ? ChainFencing.Current : ChainFencing.Foreign;
        }

        return ChainFencing.Newer;
    }

    /// <summary>True when this replica must copy the key from its predecessor in <paramref name="chain"/> before it takes part.</summary>
    public bool MustCopy(ChainMembership chain)
    {
        ArgumentNullException.ThrowIfNull(chain);
        return chain.MustCopy(Region, KnownVersion);
    }

    /// <summary>
    /// This replica under <paramref name="chain"/> (a newer one). When it makes this replica the tail,
    /// every update it holds is now held by the whole chain, so all of it is acknowledged and committed.
    /// </summary>
    public ChainKeyReplica Adopt(ChainMembership chain)
    {
        ArgumentNullException.ThrowIfNull(chain);
        var adopted = this with { Membership = chain };
        return adopted.IsTail ? adopted.CommitAll() : adopted;
    }

    /// <summary>
    /// This replica, which joined <paramref name="chain"/> after its creation, holding a copy of
    /// <paramref name="predecessor"/>'s state of the key (whatever it held before is dropped).
    /// </summary>
    public ChainKeyReplica CopiedFrom(ChainKeyReplica predecessor, ChainMembership chain)
    {
        ArgumentNullException.ThrowIfNull(predecessor);
        ArgumentNullException.ThrowIfNull(chain);
        var node = new ChainNodeState(Region, predecessor.Node.ReceivedThrough, predecessor.Node.AcknowledgedThrough);
        var copied = new ChainKeyReplica(Region, chain, node, predecessor.Key, predecessor.Recent);
        return copied.IsTail ? copied.CommitAll() : copied;
    }

    /// <summary>
    /// The head takes a new write: the next sequence number of the key. At a chain of one member the
    /// head is the tail, and the write is committed at once.
    /// </summary>
    /// <exception cref="InvalidOperationException">This replica is not the head of the chain it knows.</exception>
    public (ChainKeyReplica Replica, ChainReceipt Receipt) Accept(ChainWrite write)
    {
        ArgumentNullException.ThrowIfNull(write);
        if (Membership is not { } chain || !chain.Configuration.IsHead(Region))
        {
            throw new InvalidOperationException($"'{Region}' takes writes only as the head; it knows the chain {Membership?.ToString() ?? "(none)"}.");
        }

        var update = new CraqVersion<ChainWrite>(Node.NextSequence, write);
        return (Applied(update), new ChainReceipt(write.WriteId, update.Version, write.Value.Version));
    }

    /// <summary>
    /// A member takes updates from its predecessor, in order: each one it holds already is skipped
    /// (a resend changes nothing), each next one is applied (and, at the tail, committed). When an
    /// update is missing before the next one given, it stops there: <see cref="ChainReceive.Gap"/>.
    /// </summary>
    public ChainReceive Receive(IEnumerable<CraqVersion<ChainWrite>> updates)
    {
        ArgumentNullException.ThrowIfNull(updates);
        var replica = this;
        var applied = 0;
        foreach (var update in updates.OrderBy(u => u.Version))
        {
            switch (replica.Node.Classify(update.Version))
            {
                case ChainArrival.Duplicate:
                    continue;
                case ChainArrival.Next:
                    replica = replica.Applied(update);
                    applied++;
                    continue;
                default:
                    return new ChainReceive(replica, applied, true);
            }
        }

        return new ChainReceive(replica, applied, false);
    }

    /// <summary>
    /// This replica after the tail acknowledged every update through <paramref name="throughSequence"/>
    /// (clamped to what it holds): they leave <see cref="Pending"/> and the newest becomes clean.
    /// </summary>
    public ChainKeyReplica Acknowledge(long throughSequence)
    {
        var through = Math.Min(Math.Max(0, throughSequence), Node.ReceivedThrough);
        return through <= Node.AcknowledgedThrough
            ? this
            : this with { Node = Node.Acknowledge(through), Key = Key.Commit(through) };
    }

    /// <summary>Where the write with request id <paramref name="writeId"/> landed, if this replica holds it among its latest.</summary>
    public ChainReceipt? Find(Guid writeId)
    {
        foreach (var receipt in Recent)
        {
            if (receipt.WriteId == writeId)
            {
                return receipt;
            }
        }

        return null;
    }

    /// <summary>True when the tail has acknowledged update <paramref name="sequence"/>, as far as this replica knows.</summary>
    public bool IsAcknowledged(long sequence) => sequence <= Node.AcknowledgedThrough;

    private ChainKeyReplica Applied(CraqVersion<ChainWrite> update)
    {
        var tail = IsTail;
        var key = Key.Apply(update.Version, update.Value);
        var recent = Recent.Add(new ChainReceipt(update.Value.WriteId, update.Version, update.Value.Value.Version));
        return this with
        {
            Node = Node.Apply(update.Version, tail),
            Key = tail ? key.Commit(update.Version) : key,
            Recent = recent.Length > RecentLimit ? recent.RemoveRange(0, recent.Length - RecentLimit) : recent,
        };
    }

    private ChainKeyReplica CommitAll() =>
        this with { Node = Node.BecomeTail(), Key = Key.Commit(Node.ReceivedThrough) };

    /// <summary>Equal when every part is equal, the recent receipts in order.</summary>
    public bool Equals(ChainKeyReplica? other) =>
        other is not null
        && string.Equals(Region, other.Region, StringComparison.Ordinal)
        && Equals(Membership, other.Membership)
        && Node.Equals(other.Node)
        && Key.Equals(other.Key)
        && Recent.SequenceEqual(other.Recent);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Region, Node, Recent.Length);
}
