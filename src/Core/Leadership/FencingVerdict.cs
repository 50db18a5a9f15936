namespace GeoStore.Core.Leadership;

/// <summary>What a replica does with a message (entry, write, shipment) given the epoch it carries.</summary>
public enum FencingVerdict
{
    /// <summary>The message carries the epoch the replica holds: process it.</summary>
    Accept,

    /// <summary>
    /// The message carries a newer epoch than the replica knows: durably adopt that epoch first
    /// (so older ones are fenced from then on), then process the message.
    /// </summary>
    LearnNewer,

    /// <summary>The message carries an older epoch: a deposed leader sent it. Reject as <c>fenced</c>.</summary>
    RejectStale,

    /// <summary>
    /// The message carries the replica's epoch number under another leader: two promotions took the
    /// same number (split brain). Reject, keep the known epoch, and report it loudly.
    /// </summary>
    RejectConflicting,

    /// <summary>
    /// The replica promised a failover in progress to take no more entries of the epoch it is
    /// replacing: neither process nor skip the message; it comes again once the failover is decided.
    /// </summary>
    Hold,
}
