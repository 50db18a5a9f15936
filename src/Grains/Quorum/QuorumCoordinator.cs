using GeoStore.Abstractions.Errors;
using GeoStore.Abstractions.Grains;
using GeoStore.Abstractions.Messages;
using GeoStore.Abstractions.Options;
using GeoStore.Core.Keyspaces;
using GeoStore.Core.Quorum;
using GeoStore.Core.Replication;
using GeoStore.Core.Versioning;
using GeoStore.Grains.Observability;
using GeoStore.Grains.Regions;
using GeoStore.Grains.Transport;
using GeoStore.Grains.Wan;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GeoStore.Grains.Quorum;

/// <summary>
/// Runs the reads and writes of Leaderless keyspaces from the region it is in (Dynamo style).
/// A write is versioned and stored by one coordinating replica (the local one, else the nearest),
/// then sent to every other replica in parallel; the client hears back once W replicas stored it,
/// and the rest carry on in the background. A read asks R replicas, nearest first, answers the
/// newest state and repairs the replicas that answered older ones. Linearizable keyspaces run
/// multi-writer ABD: a write first reads a quorum to version itself above what it found, and a read
/// writes the newest value back to W replicas before it answers.
/// Reads are in <c>QuorumCoordinator.Read.cs</c>.
/// </summary>
/// <remarks>
/// Used from the coordinator grain's turns: every continuation runs on that activation, one at a
/// time; the lock only guards the bookkeeping of replies that arrive after the answer went out.
/// </remarks>
public sealed partial class QuorumCoordinator(
    IRegionTransport transport,
    RegionDirectory regions,
    WanState wan,
    IGrainFactory grains,
    IOptions<GeoStoreOptions> options,
    TimeProvider time,
    GeoStoreMetrics metrics,
    ILogger<QuorumCoordinator> logger)
{
    private readonly TimeSpan _timeout = options.Value.QuorumTimeout;

    private string Local => regions.LocalRegion;

    public async Task<WriteResult> WriteAsync(KeyspacePolicy policy, WriteCommand command)
    {
        var quorum = policy.Quorum!.WithRequest(command.W, null);
        var started = time.GetTimestamp();
        var deadline = time.GetUtcNow() + _timeout;
        var order = Order(policy);

        LogEntry? newest = null;
        if (quorum.Linearizable)
        {
            // ABD, first phase: every W-set meets this R-set, so the newest acknowledged version is among
            // the answers; the coordinating replica takes it before it versions the write above it.
            var found = await GatherAsync(command.Keyspace, command.Key, order, quorum.R, deadline);
            if (found.Answers.Length < quorum.R)
            {
                throw NotMet("write", quorum.R, [], [], found.Failed, mayBeApplied: false, command.Keyspace, started);
            }

            newest = ReplicaAnswers.Resolve(policy.Resolver, command.Keyspace, command.Key, found.Answers).Entry;
        }

        var (prepared, coordinator, unreached, mayHaveActed) = await PrepareAsync(order, command, newest, deadline);
        if (prepared is null)
        {
            throw NotMet("write", quorum.W, [], [], unreached, mayHaveActed, command.Keyspace, started);
        }

        if (prepared.Result.Status != WriteStatus.Applied || prepared.Entry is not { } entry)
        {
            return prepared.Result;
        }

        var answer = await ReplicateAsync(order, [coordinator!], entry, quorum, quorum.W, deadline);
        if (answer.Reached(quorum.Sloppy) < quorum.W)
        {
            throw NotMet("write", quorum.W, answer.Acked, answer.Hinted, answer.Failed, mayBeApplied: true, command.Keyspace, started);
        }

        metrics.RecordQuorum(Local, command.Keyspace, "write", "met", time.GetElapsedTime(started));
        return prepared.Result with { Quorum = answer };
    }

    /// <summary>The replicas in the order this region asks them: local first, then by round trip, unreachable last.</summary>
    private IReadOnlyList<string> Order(KeyspacePolicy policy)
    {
        var model = wan.Model;
        return ReplicaOrder.Nearest(
            Local,
            policy.Regions,
            (from, to) => model.Link(from, to).LatencyMs,
            replica => regions.HasLiveSilo(replica)
                && (string.Equals(replica, Local, StringComparison.Ordinal) || (!model.Link(Local, replica).Cut && !model.Link(replica, Local).Cut)));
    }

    /// <summary>
    /// Has the first replica that answers, in <paramref name="order"/>, version and store the write.
    /// A replica that refused it unseen (no live silo, the request's link cut) is skipped for the
    /// next. One that may have stored it (no answer in time, the reply lost) ends the attempt as
    /// indeterminate: trying the next would make a second version of the same write, and the first
    /// could win over the one the client was told about.
    /// </summary>
    private async Task<(PreparedWrite? Prepared, string? Coordinator, string[] Unreached, bool MayHaveActed)> PrepareAsync(
        IReadOnlyList<string> order, WriteCommand command, LogEntry? newest, DateTimeOffset deadline)
    {
        var unreached = new List<string>();
        foreach (var replica in order)
        {
            var remaining = deadline - time.GetUtcNow();
            if (remaining <= TimeSpan.Zero)
            {
                break;
            }

            try
            {
                return (await transport.WriteForQuorumAsync(replica, command, newest).WaitAsync(remaining, time), replica, [.. unreached], false);
            }
            catch (Exception ex) when (ex is RegionUnavailableException or TimeoutException)
            {
                LogReplicaFailed(logger, Local, replica, "write", ex.Message);
                unreached.Add(replica);
                if (ex is TimeoutException or RegionUnavailableException { MayHaveActed: true })
                {
                    return (null, null, [.. unreached], true);
                }
            }
        }

        return (null, null, [.. unreached], false);
    }

    /// <summary>
    /// Sends <paramref name="entry"/> to every replica of <paramref name="order"/> not in
    /// <paramref name="holders"/> (which hold it already) and waits until <paramref name="required"/>
    /// hold it, or every replica has answered, or the deadline passes. Replicas that answer later
    /// still store it; in a sloppy keyspace an unreachable replica gets a hint held in this region.
    /// </summary>
    private async Task<QuorumAnswer> ReplicateAsync(
        IReadOnlyList<string> order, IReadOnlyCollection<string> holders, LogEntry entry, QuorumPolicy quorum, int required, DateTimeOffset deadline)
    {
        var round = new ReplicationRound(holders, quorum.Sloppy, required);
        var targets = order.Where(r => !holders.Contains(r, StringComparer.Ordinal)).ToList();
        round.Expect(targets.Count);
        foreach (var target in targets)
        {
            _ = SendAsync(target, entry, quorum.Sloppy, round);
        }

        await WaitUntilAsync(round.Decided, deadline);
        return round.Snapshot(required);
    }

    private async Task SendAsync(string target, LogEntry entry, bool sloppy, ReplicationRound round)
    {
        try
        {
            await transport.ApplyAsync(target, entry);
            round.Acked(target);
            return;
        }
        catch (Exception ex)
        {
            LogReplicaFailed(logger, Local, target, "write", ex.Message);
        }

        if (sloppy && !string.Equals(target, Local, StringComparison.Ordinal))
        {
            try
            {
                await grains.GetGrain<IHintsGrain>(Local).Hold(target, entry);
                metrics.RecordHinted(Local, target, entry.Keyspace);
                round.Hinted(target);
                return;
            }
            catch (Exception ex)
            {
                LogHintFailed(logger, Local, target, ex.Message);
            }
        }

        round.Failed(target);
    }

    /// <summary>
    /// Waits for <paramref name="decided"/> until <paramref name="deadline"/>. WaitAsync disposes its
    /// timer when the task completes first; a Task.Delay raced against it would keep a timer alive
    /// for the whole quorum timeout after every operation.
    /// </summary>
    private async Task WaitUntilAsync(Task decided, DateTimeOffset deadline)
    {
        var remaining = deadline - time.GetUtcNow();
        if (decided.IsCompleted || remaining <= TimeSpan.Zero)
        {
            return;
        }

        try
        {
            await decided.WaitAsync(remaining, time);
        }
        catch (TimeoutException)
        {
            // The caller reads what was reached by now.
        }
    }

    private QuorumNotMetException NotMet(
        string operation, int required, IEnumerable<string> acked, IEnumerable<string> hinted, IEnumerable<string> failed, bool mayBeApplied, string keyspace, long started)
    {
        metrics.RecordQuorum(Local, keyspace, operation, "not-met", time.GetElapsedTime(started));
        var error = new QuorumNotMetException(operation, required, [.. acked], [.. hinted], [.. failed], mayBeApplied);
        LogQuorumNotMet(logger, Local, keyspace, operation, required, error.Acked.Length);
        return error;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Region}: replica {Replica} failed a quorum {Operation}: {Reason}")]
    private static partial void LogReplicaFailed(ILogger logger, string region, string replica, string operation, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Region}: no hint could be held for {Target}: {Reason}")]
    private static partial void LogHintFailed(ILogger logger, string region, string target, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Region}: quorum {Operation} on {Keyspace} needed {Required} and reached {Reached}")]
    private static partial void LogQuorumNotMet(ILogger logger, string region, string keyspace, string operation, int required, int reached);
}
