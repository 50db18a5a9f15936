using GeoStore.Abstractions.Catalog;
using GeoStore.Abstractions.Grains;
using GeoStore.Abstractions.Messages;
using GeoStore.Abstractions.Options;
using GeoStore.Api.Problems;
using GeoStore.Core.Keyspaces;
using GeoStore.Core.Resolution;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace GeoStore.Api.Apis;

/// <summary>
/// The body of <c>POST /v1/admin/keyspaces/{name}/failover</c>: <c>target</c> is a follower region or
/// <c>"auto"</c> (the most up-to-date reachable follower); <c>fencing</c> false is the UNSAFE
/// demonstration of split brain (the new leader takes the old epoch number, nothing fences the old one);
/// <c>force</c> promotes even when the failover cannot be sure no acknowledged write is lost;
/// <c>expectedEpoch</c>, when given, makes the failover happen only if that epoch is still current.
/// </summary>
public sealed record FailoverDocument(string? Target, bool? Fencing, bool? Force, long? ExpectedEpoch);

/// <summary>One region's belief about a SingleLeader keyspace's leadership.</summary>
/// <remarks><c>silenceMs</c>: how long a follower has not heard its leader; <c>autoFailover</c>: its watch's last decision.</remarks>
public sealed record LeadershipView(string Region, long? Epoch, string? Leader, bool Unfenced, string? Problem, long? SilenceMs = null, string? AutoFailover = null);

/// <summary>Failover and the orphaned-writes log of SingleLeader keyspaces.</summary>
public static class FailoverApi
{
    public const string Auto = "auto";

    public static async Task<Results<Ok<FailoverReport>, ProblemHttpResult>> Failover(
        string name, HttpRequest request, IClusterClient client, KeyspaceCache keyspaces, IOptions<GeoStoreOptions> options, CancellationToken cancellationToken)
    {
        if (KeyspaceValidator.ValidateName(name) is { } nameProblem)
        {
            return Problem.InvalidKeyspace(nameProblem);
        }

        var (document, readProblem) = await AdminApi.ReadJson<FailoverDocument>(request, cancellationToken);
        if (readProblem is not null)
        {
            return readProblem;
        }

        var target = document!.Target;
        if (string.IsNullOrEmpty(target))
        {
            return Problem.InvalidArgument("The failover names its \"target\": a follower region or \"auto\".",
                new Dictionary<string, string[]> { ["target"] = ["Required: a follower region or \"auto\"."] });
        }

        if (!string.Equals(target, Auto, StringComparison.Ordinal) && !options.Value.RegionList.Contains(target, StringComparer.Ordinal))
        {
            return Problem.InvalidArgument($"Region '{target}' does not exist; known regions: {string.Join(", ", options.Value.RegionList)}.",
                new Dictionary<string, string[]> { ["target"] = [$"'{target}' is neither a region nor \"auto\"."] });
        }

        var definition = await keyspaces.FindAsync(name, cancellationToken);
        if (definition is null)
        {
            return Problem.KeyspaceNotFound(name);
        }

        if (definition.Policy.Mode != ReplicationMode.SingleLeader)
        {
            return Problem.InvalidArgument($"Keyspace '{name}' is {definition.Policy.Mode}; only a SingleLeader keyspace has a leader to fail over.",
                new Dictionary<string, string[]> { ["mode"] = [$"'{definition.Policy.Mode}' is not SingleLeader."] });
        }

        var current = definition.Epoch!;
        if (target != Auto && (!definition.Policy.IsReplicaIn(target) || string.Equals(target, current.Leader, StringComparison.Ordinal)))
        {
            return Problem.InvalidArgument($"The target is one of the followers of '{name}' ({string.Join(", ", definition.Policy.FollowersOf(current.Leader))}) or \"auto\"; got '{target}'.",
                new Dictionary<string, string[]> { ["target"] = [$"'{target}' is not a follower of '{name}'."] });
        }

        if (document.ExpectedEpoch is < 1)
        {
            return Problem.InvalidArgument("\"expectedEpoch\" is an epoch number, 1 or more.",
                new Dictionary<string, string[]> { ["expectedEpoch"] = [$"Got {document.ExpectedEpoch}."] });
        }

        var report = await client.GetGrain<IFailoverGrain>(name)
            .Failover(new FailoverRequest(target == Auto ? null : target, document.Fencing ?? true, document.Force ?? false, document.ExpectedEpoch))
            .WaitAsync(cancellationToken);
        await keyspaces.RefreshAsync(cancellationToken);
        return TypedResults.Ok(report);
    }

    /// <summary>What each region believes about the keyspace's leadership, asked directly (not across the simulated WAN).</summary>
    public static async Task<Results<Ok<LeadershipView[]>, ProblemHttpResult>> Leadership(
        string name, IClusterClient client, KeyspaceCache keyspaces, CancellationToken cancellationToken)
    {
        if (KeyspaceValidator.ValidateName(name) is { } nameProblem)
        {
            return Problem.InvalidKeyspace(nameProblem);
        }

        var definition = await keyspaces.FindAsync(name, cancellationToken);
        if (definition is null)
        {
            return Problem.KeyspaceNotFound(name);
        }

        if (definition.Policy.Mode != ReplicationMode.SingleLeader)
        {
            return Problem.InvalidArgument($"Keyspace '{name}' is {definition.Policy.Mode}; only a SingleLeader keyspace has a leader.");
        }

        var views = await Task.WhenAll(definition.Policy.Regions.Select(async region =>
        {
            try
            {
                var view = await client.GetGrain<ILeadershipGrain>($"{region}/{name}").Current().WaitAsync(AdminApi.RegionStatusTimeout, cancellationToken);
                return new LeadershipView(region, view.Epoch.Number, view.Epoch.Leader, view.Unfenced, null, view.SilenceMs, view.AutoFailover);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                return new LeadershipView(region, null, null, false, ex.Message);
            }
        }));
        return TypedResults.Ok(views);
    }

    /// <summary>The orphaned writes of one keyspace: the conflict log's <see cref="ConflictKind.Orphaned"/> records, from every region.</summary>
    public static async Task<Results<Ok<ConflictsView>, ProblemHttpResult>> Orphans(
        string name, string? since, IClusterClient client, IOptions<GeoStoreOptions> options, CancellationToken cancellationToken)
    {
        var answer = await AdminApi.GetConflicts(name, since, ConflictsView.MaxLimit, client, options, cancellationToken);
        if (answer.Result is not Ok<ConflictsView> { Value: { } view })
        {
            return (ProblemHttpResult)answer.Result;
        }

        // The deposed leader and each follower that fenced a write record it: one entry per write.
        var orphans = view.Conflicts
            .Where(c => c.Kind == ConflictKind.Orphaned)
            .GroupBy(c => (c.Keyspace, c.Key, Loser: string.Join(',', c.Losers.Select(l => l.Version))))
            .Select(g => g.First());
        return TypedResults.Ok(view with { Conflicts = [.. orphans] });
    }
}
