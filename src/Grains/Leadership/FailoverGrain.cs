using System.Collections.Immutable;
using GeoStore.Abstractions.Catalog;
using GeoStore.Abstractions.Errors;
using GeoStore.Abstractions.Grains;
using GeoStore.Abstractions.Messages;
using GeoStore.Core.Keyspaces;
using GeoStore.Core.Leadership;
using GeoStore.Grains.Transport;
using Microsoft.Extensions.Logging;
using Orleans.Concurrency;

namespace GeoStore.Grains.Leadership;

/// <summary>
/// Runs one keyspace's failovers, one at a time (not reentrant). The order is what makes it safe:
/// choose from what the followers report; make the new epoch durable in the catalog by
/// compare-and-set (of two racing failovers one wins); only then tell the new leader, which takes
/// writes from that moment; then every other reachable region (the new leader keeps announcing to
/// the rest). A region that never hears keeps its old epoch until its link heals: if it led, it is
/// the zombie whose writes every other replica now rejects. A stateless worker: it runs in the
/// region the operator asked from (the API's region), which is on the surviving side of a partition
/// when the operator is; two failovers racing from two regions are settled by the catalog.
/// </summary>
[StatelessWorker(1)]
public sealed partial class FailoverGrain(
    ControlPlane controlPlane,
    KeyspaceCache keyspaces,
    IRegionTransport transport,
    ILogger<FailoverGrain> logger) : Grain, IFailoverGrain
{
    public async Task<FailoverReport> Failover(FailoverRequest request)
    {
        var name = this.GetPrimaryKeyString();
        var catalog = GrainFactory.GetGrain<IKeyspaceCatalogGrain>(controlPlane.Key);
        var definition = (await catalog.GetSnapshot()).Find(name) ?? throw new KeyspaceNotFoundException(name);
        if (definition.Policy.Mode != ReplicationMode.SingleLeader || definition.Epoch is not { } current)
        {
            throw Invalid(name, "mode", $"Keyspace '{name}' is {definition.Policy.Mode}; only a SingleLeader keyspace has a leader to fail over.");
        }

        if (request.Target is { } named && (!definition.Policy.IsReplicaIn(named) || string.Equals(named, current.Leader, StringComparison.Ordinal)))
        {
            throw Invalid(name, "target", $"The target is one of the followers of '{name}' ({string.Join(", ", definition.Policy.FollowersOf(current.Leader))}) or \"auto\"; got '{named}'.");
        }

        var views = await Task.WhenAll(definition.Policy.FollowersOf(current.Leader).Select(follower => Survey(name, follower)));
        var candidates = views.Select(v => new FailoverCandidate(v.Region, v.Reachable, new LogPosition(current.Number, v.ReceivedTotal), v.ReceivedTotal, current.Number));
        if (!FailoverChoice.TryChoose(current, definition.Policy.Acks!, candidates, null, request.Target, out var choice, out var error))
        {
            throw Invalid(name, "target", error);
        }

        var target = choice.Target.Region;
        var fork = new EpochFork(current, views.Single(v => v.Region == target).ReceivedThrough);
        var promoted = await catalog.Promote(name, current, target, fork, request.Fenced);
        var epoch = promoted.Epoch!;
        LogPromoted(logger, name, current.Number, current.Leader, epoch.Number, epoch.Leader, request.Fenced);
        await keyspaces.RefreshAsync();

        // The new leader first: from its answer on, it takes writes. The others as they can be reached.
        var informed = new List<string>();
        var warnings = new List<string>(choice.Warnings);
        var others = definition.Policy.Regions.Where(r => !string.Equals(r, target, StringComparison.Ordinal));
        foreach (var region in (string[])[target, .. request.Fenced ? others : []])
        {
            try
            {
                await transport.ObserveEpochAsync(region, name, epoch, unfenced: !request.Fenced);
                informed.Add(region);
            }
            catch (RegionUnavailableException ex)
            {
                warnings.Add(region == target
                    ? $"The new leader {target} could not be told yet ({ex.Message}); it takes writes once it hears (from the catalog when it restarts, or a retried failover)."
                    : $"{region} could not be told yet ({ex.Message}); the new leader keeps announcing epoch {epoch.Number} to it.");
            }
        }

        if (!request.Fenced)
        {
            warnings.Add($"UNSAFE: {target} leads without a new epoch. {current.Leader} was not fenced: if it is alive it keeps taking writes (split brain), and the writes of the two leaders overwrite each other by clock, silently.");
        }

        return new FailoverReport(name, current, epoch, request.Fenced, [.. views], [.. informed], [.. warnings]);
    }

    private async Task<FailoverCandidateView> Survey(string keyspace, string follower)
    {
        try
        {
            var standing = await transport.StandingAsync(follower, keyspace);
            return new FailoverCandidateView(follower, true, standing.Total, standing.ReceivedThrough);
        }
        catch (Exception ex) when (ex is RegionUnavailableException or TimeoutException or OrleansException)
        {
            return new FailoverCandidateView(follower, false, 0, ImmutableDictionary<int, long>.Empty, ex.Message);
        }
    }

    private static InvalidKeyspaceException Invalid(string name, string field, string problem) =>
        new(name, ImmutableDictionary<string, string[]>.Empty.Add(field, [problem]));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Failover of {Keyspace}: epoch {FromNumber} ({FromLeader}) -> {ToNumber} ({ToLeader}), fenced {Fenced}")]
    private static partial void LogPromoted(ILogger logger, string keyspace, long fromNumber, string fromLeader, long toNumber, string toLeader, bool fenced);
}
