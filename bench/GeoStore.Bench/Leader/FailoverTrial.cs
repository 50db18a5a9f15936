namespace GeoStore.Bench.Leader;

/// <summary>
/// One failover drill (<see cref="FailoverDrill"/>): the leader cut off by the WAN, then for
/// SingleLeader an automatic (fenced) failover called in a surviving region at once (detection is
/// the operator's, so it takes no time here) and the first write at the new leader; for a Chain, the
/// first write, which removes the cut-off head itself. Times in ms, each from the end of the one before.
/// </summary>
/// <param name="NewLeader">The promoted follower; a chain's head after the write reconfigured it.</param>
/// <param name="NewEpoch">The epoch it leads; a chain's version.</param>
/// <param name="CutMs">Until every silo applied the cut (the test harness's WAN control, not GeoStore).</param>
/// <param name="FailoverMs">The failover call, as its caller saw it (NaN for a chain: there is none).</param>
/// <param name="FailoverFloorMs">
/// The WAN round trips the failover makes one after another: the survey of the followers (in
/// parallel: the farthest), then telling the new leader, then each other region in turn (the cut-off
/// one refuses at once).
/// </param>
/// <param name="FirstWriteMs">The first write, until its answer (acknowledged or failed).</param>
/// <param name="FirstWriteBoundMs">The least the mode lets that write take with the old leader cut off (infinite: it cannot be acknowledged).</param>
/// <param name="RejoinMs">After the old leader's links heal, until it holds the new epoch (it follows from then on); NaN for a chain, which an operator rejoins.</param>
public sealed record FailoverTrial(
    string Mode,
    int Repetition,
    string OldLeader,
    string NewLeader,
    long NewEpoch,
    double CutMs,
    double FailoverMs,
    double FailoverFloorMs,
    double FirstWriteMs,
    double FirstWriteBoundMs,
    bool FirstWriteAcknowledged,
    string? FirstWriteError,
    double RejoinMs,
    int Warnings)
{
    /// <summary>From the cut in force to the first acknowledged write at the new leader; NaN when that write was not acknowledged.</summary>
    public double ToFirstWriteMs => FirstWriteAcknowledged ? (double.IsNaN(FailoverMs) ? 0 : FailoverMs) + FirstWriteMs : double.NaN;
}
