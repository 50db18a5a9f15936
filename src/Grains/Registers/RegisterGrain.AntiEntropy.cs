using GeoStore.Core.AntiEntropy;
using GeoStore.Core.Versioning;

namespace GeoStore.Grains.Registers;

public sealed partial class RegisterGrain
{
    /// <summary>
    /// Forgets a delete once anti-entropy has seen every replica hold it alike, past the grace period.
    /// Single-value replicas only: a MultiValue replica keeps its deleted sibling set, whose causal
    /// context must never be forgotten while any replica still remembers it.
    /// </summary>
    /// <remarks>
    /// <para>
    /// Why this is safe: a tombstone exists so that an older live value cannot come back (read
    /// repair, anti-entropy and replication all merge "newest wins"). Anti-entropy asks for the purge
    /// only after every replica region of the keyspace was seen holding this very tombstone (equal
    /// digests), so no replica holds an older live value any more that a merge could spread back,
    /// and each replica's own check here makes sure it still holds exactly that tombstone, nothing
    /// newer. This region's log must hold nothing of the key either: an entry still owed to a peer
    /// would be merged again by the next activation, or shipped, after the tombstone is gone.
    /// </para>
    /// <para>
    /// What the grace protects against: a write older than the tombstone that is still in flight
    /// when every replica already holds the tombstone, such as a hint held for a region that was
    /// down, or a coordinator's write delayed on the WAN. Arriving after the purge, it would find no
    /// tombstone and bring the key back. Waiting <c>GeoStore:TombstoneGrace</c> after the delete
    /// gives such writes that long to land (and be beaten by the tombstone); hints older than the
    /// grace are dropped rather than replayed.
    /// </para>
    /// </remarks>
    public async Task<bool> PurgeTombstone(WriteVersion version, ulong digest)
    {
        var stored = state.State;

        // A sibling set's context numbers this region's writes (dots); cleared, it would hand out dots again.
        if (stored.Merged?.Siblings is not null
            || ReplicaDigest.TombstoneOf(stored.Current, stored.Merged) != version
            || ReplicaDigest.Of(stored.Current, stored.Merged) != digest
            || (stored.Outbox is not null && !_outboxLogged)
            || await Log.LatestFor(_key.Keyspace, _key.Key) is not null)
        {
            return false;
        }

        await state.ClearStateAsync();
        (_outboxLogged, _durableSeen) = (false, TimestampVector.Empty);
        DeactivateOnIdle();
        return true;
    }
}
