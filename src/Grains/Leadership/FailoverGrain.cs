using System.Collections.Immutable;
using GeoStore.Abstractions.Catalog;
using GeoStore.Abstractions.Errors;
using GeoStore.Abstractions.Grains;
using GeoStore.Abstractions.Messages;
using GeoStore.Abstractions.Options;
using GeoStore.Core.Keyspaces;
using GeoStore.Core.Leadership;
using GeoStore.Grains.Regions;
using GeoStore.Grains.Transport;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;

namespace GeoStore.Grains.Leadership;

/// <summary>
/// Runs one keyspace's failovers from the region it is called in (a stateless worker, so an operator
/// on the surviving side of a partition runs it there). A fenced failover has two phases, as a Raft
/// election does. Prepare: every follower durably promises to take no more entries of the epoch
/// being replaced, and says how far it received the old leader's log, per shard; from then on the
/// old leader can acknowledge nothing more through those followers. Choose (<see cref="FailoverChoice"/>):
/// with enough followers prepared, one of them holds every acknowledged write; a follower at the
/// frontier on every shard is promoted, else nothing happens unless forced. Promote: the new epoch
/// and the fork (the target's positions: history kept) become durable in the catalog by
/// compare-and-set (of two racing failovers one wins), then the new leader is told, then the rest.
/// </summary>
[StatelessWorker(1)]
public sealed partial class FailoverGrain(
    ControlPlane controlPlane,
    KeyspaceCache keyspaces,
    IRegionTransport transport,
    RegionDirectory regions,
    IOptions<GeoStoreOptions> options,
    TimeProvider time,
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

        if (request.ExpectedEpoch is { } expected && expected != current.Number)
        {
            throw new FailoverConflictException(name, new LeaderEpoch(expected, "(unknown)"), current);
        }

        if (request.Target is { } named && (!definition.Policy.IsReplicaIn(named) || string.Equals(named, current.Leader, StringComparison.Ordinal)))
        {
            throw Invalid(name, "target", $"The target is one of the followers of '{name}' ({string.Join(", ", definition.Policy.FollowersOf(current.Leader))}) or \"auto\"; got '{named}'.");
        }

        var ballot = Guid.NewGuid();
        var started = time.GetTimestamp();
        var followers = definition.Policy.FollowersOf(current.Leader).ToList();

        // The unsafe demonstration asks without preparing: nothing stops the old leader anyway.
        var surveys = await Task.WhenAll(followers.Select(follower => request.Fenced ? Prepare(name, follower, current, ballot) : Survey(name, follower)));
        var requirement = request.Fenced ? definition.Policy.Acks! : AckRequirement.Async;
        var candidates = surveys.Select(s => new FailoverCandidate(s.View.Region, s.View.Reachable, s.View.ReceivedThrough, s.Epoch?.Number ?? current.Number));
        if (!FailoverChoice.TryChoose(current, requirement, candidates, request.Target, request.Force, out var choice, out var refusal, preferred: regions.LocalRegion))
        {
            await Release(name, surveys, ballot);
            throw refusal.Kind switch
            {
                FailoverRefusalKind.NewerEpoch => new FailoverConflictException(name, current, surveys.Select(s => s.Epoch).OfType<LeaderEpoch>().MaxBy(e => e.Number)!),
                FailoverRefusalKind.NotAFollower => Invalid(name, "target", refusal.Message),
                _ => new FailoverRefusedException(name, refusal.Kind, refusal.Message, refusal.Forcible),
            };
        }

        // The promises last GeoStore:FailoverPromiseLifetime; promote well inside it or not at all.
        if (request.Fenced && time.GetElapsedTime(started) > options.Value.FailoverPromiseLifetime / 3)
        {
            await Release(name, surveys, ballot);
            throw new FailoverRefusedException(name, FailoverRefusalKind.Unreachable,
                $"the followers took {time.GetElapsedTime(started).TotalSeconds:0.0} s to answer, longer than their promises can be relied on; try again.", forcible: false);
        }

        var target = choice.Target.Region;
        KeyspaceDefinition promoted;
        try
        {
            promoted = await catalog.Promote(name, current, target, new EpochFork(current, choice.Fork), request.Fenced);
        }
        catch (FailoverConflictException)
        {
            await Release(name, surveys, ballot);
            throw;
        }

        var epoch = promoted.Epoch!;
        LogPromoted(logger, name, current.Number, current.Leader, epoch.Number, epoch.Leader, request.Fenced);
        await keyspaces.RefreshAsync();

        // The new leader first: from its answer on, it takes writes. Then every other region at once.
        var warnings = new List<string>(choice.Warnings);
        var informed = new List<string>();
        if (await Tell(target, name, epoch, request.Fenced, warnings))
        {
            informed.Add(target);
        }

        var others = request.Fenced ? definition.Policy.Regions.Where(r => !string.Equals(r, target, StringComparison.Ordinal)).ToList() : [];
        var told = await Task.WhenAll(others.Select(region => Tell(region, name, epoch, request.Fenced, warnings)));
        informed.AddRange(others.Where((_, i) => told[i]));

        if (!request.Fenced)
        {
            warnings.Add($"UNSAFE: {target} leads without a new epoch. {current.Leader} was not fenced: if it is alive it keeps taking writes (split brain), and the writes of the two leaders overwrite each other by clock, silently.");
        }

        return new FailoverReport(name, current, epoch, request.Fenced, [.. surveys.Select(s => s.View)], [.. informed], [.. warnings]);
    }

    private async Task<bool> Tell(string region, string keyspace, LeaderEpoch epoch, bool fenced, List<string> warnings)
    {
        try
        {
            await transport.ObserveEpochAsync(region, keyspace, epoch, unfenced: !fenced);
            return true;
        }
        catch (Exception ex) when (ex is RegionUnavailableException or TimeoutException or OrleansException)
        {
            lock (warnings)
            {
                warnings.Add(string.Equals(region, epoch.Leader, StringComparison.Ordinal)
                    ? $"The new leader {region} could not be told yet ({ex.Message}); it prepared, so it learns epoch {epoch.Number} from the catalog within {options.Value.FailoverPromiseLifetime.TotalSeconds:0} s, or from any region that hears of it."
                    : $"{region} could not be told yet ({ex.Message}); the new leader keeps announcing epoch {epoch.Number} to it.");
            }

            return false;
        }
    }

    private async Task<Answer> Prepare(string keyspace, string follower, LeaderEpoch current, Guid ballot)
    {
        try
        {
            var standing = await transport.PrepareAsync(follower, keyspace, current, ballot);

            // A follower that holds another epoch promised nothing; a newer one refuses the choice.
            var prepared = standing.Epoch.Equals(current);
            return new Answer(new FailoverCandidateView(follower, prepared, standing.Total, standing.ReceivedThrough, prepared ? null : $"holds {standing.Epoch}"), standing.Epoch);
        }
        catch (Exception ex) when (ex is RegionUnavailableException or TimeoutException or OrleansException)
        {
            return new Answer(new FailoverCandidateView(follower, false, 0, ImmutableDictionary<int, long>.Empty, ex.Message), null);
        }
    }

    private async Task<Answer> Survey(string keyspace, string follower)
    {
        try
        {
            var standing = await transport.StandingAsync(follower, keyspace);
            return new Answer(new FailoverCandidateView(follower, true, standing.Total, standing.ReceivedThrough), standing.Epoch);
        }
        catch (Exception ex) when (ex is RegionUnavailableException or TimeoutException or OrleansException)
        {
            return new Answer(new FailoverCandidateView(follower, false, 0, ImmutableDictionary<int, long>.Empty, ex.Message), null);
        }
    }

    /// <summary>Ends this failover's promises where they were made (best effort: the rest lapse).</summary>
    private async Task Release(string keyspace, IEnumerable<Answer> surveys, Guid ballot) =>
        await Task.WhenAll(surveys.Where(s => s.View.Reachable).Select(async s =>
        {
            try
            {
                await transport.ReleaseAsync(s.View.Region, keyspace, ballot);
            }
            catch (Exception ex) when (ex is RegionUnavailableException or TimeoutException or OrleansException)
            {
                // The promise lapses after its lifetime, once that region sees the catalog unchanged.
            }
        }));

    private static InvalidKeyspaceException Invalid(string name, string field, string problem) =>
        new(name, ImmutableDictionary<string, string[]>.Empty.Add(field, [problem]));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Failover of {Keyspace}: epoch {FromNumber} ({FromLeader}) -> {ToNumber} ({ToLeader}), fenced {Fenced}")]
    private static partial void LogPromoted(ILogger logger, string keyspace, long fromNumber, string fromLeader, long toNumber, string toLeader, bool fenced);

    private sealed record Answer(FailoverCandidateView View, LeaderEpoch? Epoch);
}
