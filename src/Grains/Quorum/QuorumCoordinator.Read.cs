using System.Collections.Immutable;
using GeoStore.Abstractions.Errors;
using GeoStore.Abstractions.Messages;
using GeoStore.Core.Keyspaces;
using GeoStore.Core.Replication;
using Microsoft.Extensions.Logging;

namespace GeoStore.Grains.Quorum;

public sealed partial class QuorumCoordinator
{
    public async Task<ReadResult> ReadAsync(KeyspacePolicy policy, string keyspace, string key, ReadOptions options)
    {
        var quorum = policy.Quorum!.WithRequest(null, options.R);
        var started = time.GetTimestamp();
        var now = time.GetUtcNow();
        var deadline = now + _timeout;

        // One budget for the whole read: a session may wait longer than a quorum, never both in turn.
        var budget = options.After is null ? deadline : now + Max(_timeout, options.Wait);
        var order = Order(policy);
        var round = await GatherAsync(keyspace, key, order, quorum.R, deadline);
        if (round.Answers.Length < quorum.R)
        {
            throw NotMet("read", quorum.R, round.Answers.Select(a => a.Region), [], round.Failed, mayBeApplied: false, keyspace, started);
        }

        var answers = round.Answers;
        var failed = round.Failed;
        if (options.After is { } after && !answers.Any(a => a.Read.Seen.Covers(after)))
        {
            // Read-your-writes: the session's write reached W replicas, so ask the ones not asked yet,
            // until one has it.
            var rest = order.Where(r => !answers.Any(a => a.Region == r) && !failed.Contains(r)).ToList();
            if (rest.Count > 0)
            {
                var more = await GatherAsync(keyspace, key, rest, rest.Count, budget, read => read.Seen.Covers(after));
                answers = [.. answers, .. more.Answers];
                failed = [.. failed, .. more.Failed];
            }

            if (!answers.Any(a => a.Read.Seen.Covers(after)))
            {
                throw new StaleReadException(Local, after, options.Wait);
            }
        }

        var resolved = ReplicaAnswers.Resolve(policy.Resolver, keyspace, key, answers);
        var repaired = ImmutableArray<string>.Empty;
        if (resolved.Entry is { } entry && quorum.Linearizable && resolved.Current.Count < quorum.W)
        {
            // ABD, second phase: the newest value is on a write quorum before anyone is told of it,
            // so no later read can find an older one.
            var written = await ReplicateAsync(order, resolved.Current, entry, quorum with { Sloppy = false }, quorum.W, Later(deadline, budget));
            if (written.Acked.Length < quorum.W)
            {
                throw NotMet("read", quorum.W, written.Acked, [], written.Failed, mayBeApplied: false, keyspace, started);
            }

            repaired = [.. written.Acked.Except(resolved.Current)];
            metrics.RecordReadRepair(Local, keyspace, "write-back", repaired.Length);
        }
        else if (resolved.Entry is { } stale && resolved.Stale.Count > 0)
        {
            // Asynchronous read repair: the answer does not wait for it.
            repaired = [.. resolved.Stale];
            _ = RepairAsync(resolved.Stale, stale);
            metrics.RecordReadRepair(Local, keyspace, "async", repaired.Length);
        }

        metrics.RecordQuorum(Local, keyspace, "read", "met", time.GetElapsedTime(started));
        var answer = new QuorumAnswer(quorum.R, [.. answers.Select(a => a.Region)], [], [.. failed], repaired);
        return new ReadResult(resolved.Value, Local, resolved.Seen, resolved.Merged, answer);
    }

    /// <summary>
    /// Asks <paramref name="required"/> replicas, in <paramref name="order"/>, for their state of the
    /// key; each one that fails is replaced by the next not asked yet, and when the answers are
    /// late (a hung or overloaded replica fails only after the cross-region timeout) one more is
    /// asked, as Cassandra's speculative retry does. Returns when that many have answered, one
    /// answer is <paramref name="enough"/>, nobody is left to ask, or the deadline passes.
    /// </summary>
    private async Task<GatherRound> GatherAsync(
        string keyspace, string key, IReadOnlyList<string> order, int required, DateTimeOffset deadline, Func<ReplicaRead, bool>? enough = null)
    {
        var gate = new Lock();
        var answers = new List<ReplicaAnswer>();
        var failed = new List<string>();
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var next = 0;
        var inFlight = 0;
        var hedges = 0;

        List<string> Launches()
        {
            var launch = new List<string>();
            while (answers.Count + inFlight < required + hedges && next < order.Count)
            {
                launch.Add(order[next++]);
                inFlight++;
            }

            if (answers.Count >= required || inFlight == 0 || (enough is not null && answers.Any(a => enough(a.Read))))
            {
                done.TrySetResult();
            }

            return launch;
        }

        async Task AskAsync(string replica)
        {
            ReplicaRead? read = null;
            try
            {
                read = await transport.ReadAsync(replica, keyspace, key);
            }
            catch (Exception ex)
            {
                LogReplicaFailed(logger, Local, replica, "read", ex.Message);
            }

            List<string> launch;
            lock (gate)
            {
                inFlight--;
                if (read is null)
                {
                    failed.Add(replica);
                }
                else
                {
                    answers.Add(new ReplicaAnswer(replica, read));
                }

                launch = Launches();
            }

            launch.ForEach(r => _ = AskAsync(r));
        }

        List<string> first;
        lock (gate)
        {
            first = Launches();
        }

        first.ForEach(r => _ = AskAsync(r));
        var hedgeAt = Earlier(deadline, time.GetUtcNow() + HedgeDelay(order.Take(required)));
        await WaitUntilAsync(done.Task, hedgeAt);
        while (!done.Task.IsCompleted && time.GetUtcNow() < deadline)
        {
            List<string> hedge;
            lock (gate)
            {
                hedges++;
                hedge = Launches();
            }

            if (hedge.Count == 0)
            {
                break;
            }

            hedge.ForEach(r => _ = AskAsync(r));
            await WaitUntilAsync(done.Task, Earlier(deadline, time.GetUtcNow() + HedgeDelay(hedge)));
        }

        await WaitUntilAsync(done.Task, deadline);
        lock (gate)
        {
            return new GatherRound([.. answers], [.. failed]);
        }
    }

    /// <summary>
    /// How long to wait for <paramref name="replicas"/> before asking one more: twice the slowest
    /// round trip the WAN model gives, plus a margin for the replicas' own work.
    /// </summary>
    private TimeSpan HedgeDelay(IEnumerable<string> replicas)
    {
        var model = wan.Model;
        var slowest = replicas.Select(r => string.Equals(r, Local, StringComparison.Ordinal) ? 0 : model.Link(Local, r).LatencyMs + model.Link(r, Local).LatencyMs).DefaultIfEmpty(0).Max();
        return TimeSpan.FromMilliseconds(2 * slowest + HedgeMarginMs);
    }

    private async Task RepairAsync(IReadOnlyList<string> stale, LogEntry entry)
    {
        foreach (var replica in stale)
        {
            try
            {
                await transport.ApplyAsync(replica, entry);
            }
            catch (Exception ex)
            {
                // Anti-entropy (or the next read) repairs it.
                LogReplicaFailed(logger, Local, replica, "read repair", ex.Message);
            }
        }
    }

    private const int HedgeMarginMs = 100;

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static DateTimeOffset Earlier(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static DateTimeOffset Later(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private sealed record GatherRound(ImmutableArray<ReplicaAnswer> Answers, ImmutableArray<string> Failed);
}
