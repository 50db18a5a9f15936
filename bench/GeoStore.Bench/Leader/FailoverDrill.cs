using System.Globalization;
using GeoStore.Abstractions.Messages;
using GeoStore.Bench.Topology;
using GeoStore.Core.Keyspaces;
using GeoStore.Core.Leadership;
using GeoStore.Testing;

namespace GeoStore.Bench.Leader;

/// <summary>
/// Failover drills over the WAN matrix, each on a fresh keyspace led (a chain: headed) by
/// <see cref="LeaderSettings.Leader"/>: its keys written and on every replica, the leader cut off
/// from both other regions (not killed: the in-process cluster's first silo hosts development
/// clustering), then the way back to an acknowledged write. SingleLeader: an automatic fenced
/// failover called in <see cref="LeaderSettings.FailoverFrom"/> at once (detection is the
/// operator's), then the first write sent in the new leader's region. Chain: no failover call; the
/// first write is sent in <see cref="LeaderSettings.FailoverFrom"/>, and its coordinator finds the
/// head unreachable, removes it through the catalog and writes to the new head. Then the links heal
/// and, for SingleLeader, the old leader is left to learn the new epoch before the next drill.
/// </summary>
public sealed class FailoverDrill(LeaderCluster cluster, LeaderSettings settings, string run, TimeProvider time, TextWriter progress)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(5);

    /// <summary>One unmeasured rehearsal per mode (the failover paths' JIT and first activations), then <see cref="LeaderSettings.Failovers"/> drills per mode, the modes taking turns.</summary>
    public async Task<IReadOnlyList<FailoverTrial>> RunAsync(IReadOnlyList<LeaderMode> modes, CancellationToken cancellationToken)
    {
        foreach (var mode in modes)
        {
            progress.WriteLine(Format($"failover rehearsal ({mode.Name}, unmeasured)…"));
            await DrillAsync(mode, 0, cancellationToken);
        }

        var trials = new List<FailoverTrial>();
        for (var repetition = 1; repetition <= settings.Failovers; repetition++)
        {
            foreach (var mode in modes)
            {
                var trial = await DrillAsync(mode, repetition, cancellationToken);
                progress.WriteLine(Format(
                    $"  failover {repetition}/{settings.Failovers} {mode.Name}: {trial.OldLeader} → {trial.NewLeader}, failover {trial.FailoverMs:0.0} ms, first write {trial.FirstWriteMs:0.0} ms{(trial.FirstWriteAcknowledged ? string.Empty : " (not acknowledged)")}"));
                trials.Add(trial);
            }
        }

        return trials;
    }

    /// <summary>
    /// The round trips a fenced failover called in <paramref name="from"/> makes in sequence
    /// (<c>FailoverGrain</c>): it asks every follower of <paramref name="old"/> how far it got, in
    /// parallel; then tells the new leader; then every other region one by one, the old leader
    /// refusing at once because it is cut off. The catalog's compare-and-set is not behind the WAN.
    /// </summary>
    public static double FailoverFloorMs(WanMatrix wan, LeaderEpoch old, LeaderEpoch promoted, string from)
    {
        double RoundTrip(string region) => 2.0 * wan.LatencyMs(from, region);
        var followers = wan.Regions.Where(r => !string.Equals(r, old.Leader, StringComparison.Ordinal)).ToArray();
        var survey = followers.Max(RoundTrip);
        var others = followers.Where(r => !string.Equals(r, promoted.Leader, StringComparison.Ordinal)).Sum(RoundTrip);
        return survey + RoundTrip(promoted.Leader) + others;
    }

    private async Task<FailoverTrial> DrillAsync(LeaderMode mode, int repetition, CancellationToken cancellationToken)
    {
        var leader = settings.Leader;
        var keyspace = Format($"fo-{run}-{mode.Name.Replace("(", string.Empty, StringComparison.Ordinal).Replace(")", string.Empty, StringComparison.Ordinal).ToLowerInvariant()}-{repetition}");
        var keys = Enumerable.Range(0, settings.FailoverKeys).Select(i => Format($"k{i}")).ToArray();
        var random = new Random(settings.Seed + repetition);
        await PrepareAsync(mode, keyspace, keys, random);

        var started = time.GetTimestamp();
        await cluster.IsolateAsync(leader);
        var cut = time.GetElapsedTime(started);

        var trial = mode.Mode == ReplicationMode.Chain
            ? await ChainOverAsync(mode, keyspace, keys[0], Value(random), cut)
            : await FailOverAsync(mode, keyspace, keys[0], Value(random), cut);
        cancellationToken.ThrowIfCancellationRequested();
        return trial with { Repetition = repetition };
    }

    /// <summary>
    /// A fresh keyspace whose keys are written at the leader and served by every region, so every
    /// follower holds them (and has their replicas active) before the cut: the failover has no lag to
    /// weigh and the first write activates only what a new leader must.
    /// </summary>
    private async Task PrepareAsync(LeaderMode mode, string keyspace, string[] keys, Random random)
    {
        await cluster.Cluster.CreateKeyspaceAsync(keyspace, mode.Policy(cluster.Regions, settings.Leader));
        foreach (var key in keys)
        {
            await cluster.WriteAsync(settings.Leader, keyspace, key, Value(random));
        }

        foreach (var region in cluster.Regions)
        {
            foreach (var key in keys)
            {
                await Eventually.HoldsAsync(async () => (await cluster.ReadAsync(region, keyspace, key)).Found, Format($"{region} holds {key}"), Deadline, Poll);
            }
        }
    }

    private async Task<FailoverTrial> FailOverAsync(LeaderMode mode, string keyspace, string key, byte[] value, TimeSpan cut)
    {
        var leader = settings.Leader;
        var started = time.GetTimestamp();
        var report = await cluster.FailoverAsync(settings.FailoverFrom, keyspace);
        var failover = time.GetElapsedTime(started);
        var newLeader = report.To.Leader;

        var (firstWrite, error) = await FirstWriteAsync(newLeader, keyspace, key, value, written =>
            written.Leader is { Reach: { IsAcknowledged: true } reach } && reach.Epoch == report.To && string.Equals(written.Region, newLeader, StringComparison.Ordinal)
                ? null
                : Format($"answered by {written.Region} under {written.Leader?.Reach.Epoch.ToString() ?? "no epoch"}, expected {report.To}"));

        started = time.GetTimestamp();
        await cluster.RejoinAsync(leader, settings.Wan);
        await Eventually.HoldsAsync(
            async () => (await cluster.EpochAtAsync(leader, keyspace)).Number >= report.To.Number, Format($"{leader} learns epoch {report.To.Number} of {keyspace}"), Deadline, Poll);
        var rejoin = time.GetElapsedTime(started);

        return new FailoverTrial(
            mode.Name, 0, leader, newLeader, report.To.Number, cut.TotalMilliseconds, failover.TotalMilliseconds,
            FailoverFloorMs(settings.Wan, report.From, report.To, settings.FailoverFrom), firstWrite.Elapsed.TotalMilliseconds,
            mode.BoundAtLeaderMs(settings.Wan, newLeader, [leader]), error is null, error, rejoin.TotalMilliseconds, report.Warnings.Length);
    }

    private async Task<FailoverTrial> ChainOverAsync(LeaderMode mode, string keyspace, string key, byte[] value, TimeSpan cut)
    {
        var leader = settings.Leader;
        var (firstWrite, error) = await FirstWriteAsync(settings.FailoverFrom, keyspace, key, value, written =>
            written.Chain is { } chain && !chain.Members.Contains(leader) && string.Equals(chain.ServedBy, chain.Members[^1], StringComparison.Ordinal)
                ? null
                : Format($"answered under chain {written.Chain?.Version.ToString(CultureInfo.InvariantCulture) ?? "none"} ({string.Join(">", written.Chain?.Members ?? [])}), which still holds {leader} or was not acknowledged by its tail"));
        var chain = firstWrite.Written?.Chain;
        var newHead = chain?.Members[0] ?? "–";

        // The old head rejoins only when an operator appends it; healing the links is all a fresh keyspace per drill needs.
        await cluster.RejoinAsync(leader, settings.Wan);
        return new FailoverTrial(
            mode.Name, 0, leader, newHead, chain?.Version ?? 0, cut.TotalMilliseconds, double.NaN, double.NaN, firstWrite.Elapsed.TotalMilliseconds,
            chain is null ? double.NaN : mode.BoundMs(settings.Wan, newHead, settings.FailoverFrom, [leader]), error is null, error, double.NaN, 0);
    }

    /// <summary>The first write after the cut, sent in <paramref name="region"/>: how long it took and why it does not count, if it does not.</summary>
    private async Task<((TimeSpan Elapsed, WriteResult? Written) Write, string? Error)> FirstWriteAsync(
        string region, string keyspace, string key, byte[] value, Func<WriteResult, string?> problem)
    {
        var started = time.GetTimestamp();
        try
        {
            var written = await cluster.WriteAsync(region, keyspace, key, value);
            return ((time.GetElapsedTime(started), written), problem(written));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return ((time.GetElapsedTime(started), null), $"{ex.GetType().Name}: {ex.Message}");
        }
    }

    private byte[] Value(Random random)
    {
        var value = new byte[settings.ValueSize];
        random.NextBytes(value);
        return value;
    }

    private static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
