using System.Collections.Immutable;
using System.Text.Json;
using GeoStore.Abstractions.Catalog;
using GeoStore.Abstractions.Grains;
using GeoStore.Abstractions.Messages;
using GeoStore.Abstractions.Options;
using GeoStore.Api.Problems;
using GeoStore.Core.Crdts;
using GeoStore.Core.Keyspaces;
using GeoStore.Core.Leadership;
using GeoStore.Core.Regions;
using GeoStore.Core.Wan;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace GeoStore.Api.Apis;

/// <summary>The admin API under <c>/v1/admin</c>: keyspaces, regions and the simulated WAN.</summary>
public static class AdminApi
{
    public static readonly TimeSpan RegionStatusTimeout = TimeSpan.FromSeconds(3);

    public static IEndpointRouteBuilder MapAdminApi(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/v1/admin").WithTags("Admin").AddEndpointFilter<AdminAuthorization>();
        admin.MapGet("/keyspaces", ListKeyspaces).WithSummary("Every keyspace and its policy.");
        admin.MapGet("/keyspaces/{name}", GetKeyspace).WithSummary("One keyspace and its policy.");
        admin.MapPut("/keyspaces/{name}", PutKeyspace).WithSummary("Create or change a keyspace.");
        admin.MapGet("/regions", GetRegions).WithSummary("Each region: live silos, log position, lag to every peer.");
        admin.MapGet("/conflicts", GetConflicts).WithSummary("Resolutions that discarded or merged a value, in every region, oldest first.");
        admin.MapGet("/wan", GetWan).WithSummary("The simulated WAN: latency, cut and loss of every directed link.");
        admin.MapPut("/wan/{from}/{to}", PutWanLink).WithSummary("Change one directed WAN link.");
        admin.MapPost("/keyspaces/{name}/failover", FailoverApi.Failover).WithSummary("Promote a follower of a SingleLeader keyspace (a named region or \"auto\"), raising its epoch; \"fencing\": false is the unsafe split-brain demonstration.");
        admin.MapGet("/keyspaces/{name}/leadership", FailoverApi.Leadership).WithSummary("The leader and epoch each region of a SingleLeader keyspace believes in (a region cut off during a failover still names the old one).");
        admin.MapGet("/keyspaces/{name}/orphans", FailoverApi.Orphans).WithSummary("Writes of deposed SingleLeader leaders that the promoted leader never received, in every region.");
        admin.MapPost("/keyspaces/{name}/repair", RepairKeyspace).WithSummary("Run one anti-entropy round of a Leaderless keyspace against every other replica region.");
        admin.MapProcessesApi();
        return app;
    }

    public static async Task<Ok<KeyspaceDocument[]>> ListKeyspaces(KeyspaceCache keyspaces, CancellationToken cancellationToken)
    {
        await keyspaces.RefreshAsync(cancellationToken);
        return TypedResults.Ok(keyspaces.Snapshot.Keyspaces.Select(KeyspaceDocument.From).OrderBy(k => k.Name, StringComparer.Ordinal).ToArray());
    }

    public static async Task<Results<Ok<KeyspaceDocument>, ProblemHttpResult>> GetKeyspace(string name, KeyspaceCache keyspaces, CancellationToken cancellationToken)
    {
        if (KeyspaceValidator.ValidateName(name) is { } problem)
        {
            return Problem.InvalidKeyspace(problem);
        }

        await keyspaces.RefreshAsync(cancellationToken);
        return keyspaces.Snapshot.Find(name) is { } definition
            ? TypedResults.Ok(KeyspaceDocument.From(definition))
            : Problem.KeyspaceNotFound(name);
    }

    public static async Task<Results<Ok<KeyspaceDocument>, ProblemHttpResult>> PutKeyspace(
        string name, HttpRequest request, IClusterClient client, ControlPlane controlPlane, KeyspaceCache keyspaces, IOptions<GeoStoreOptions> options, CancellationToken cancellationToken)
    {
        if (KeyspaceValidator.ValidateName(name) is { } nameProblem)
        {
            return Problem.InvalidKeyspace(nameProblem);
        }

        var (document, readProblem) = await ReadJson<KeyspacePolicyDocument>(request, cancellationToken);
        if (readProblem is not null)
        {
            return readProblem;
        }

        var errors = new Dictionary<string, string[]>();
        var mode = ParseEnum(document!.Mode, ReplicationMode.MultiLeader, "mode", errors);
        var resolver = ParseEnum(document.Resolver, ConflictResolver.Lww, "resolver", errors);
        var topology = ParseEnum(document.Topology, ReplicationTopology.AllToAll, "topology", errors);
        CrdtType? crdt = document.Crdt is null ? null : ParseEnum(document.Crdt, CrdtType.PnCounter, "crdt", errors);
        AckMode? replication = document.Replication is null ? null : ParseEnum(document.Replication, AckMode.Async, "replication", errors);
        SemiSyncFallback? fallback = document.SemiSyncFallback is null ? null : ParseEnum(document.SemiSyncFallback, SemiSyncFallback.Fail, "semiSyncFallback", errors);
        var policy = new KeyspacePolicy(
            mode, [.. document.Regions ?? []], resolver, topology, document.Hub, document.MaxSiblings ?? KeyspacePolicy.DefaultMaxSiblings, document.CustomResolver, crdt,
            document.N, document.W, document.R, document.Linearizable ?? false, document.Sloppy ?? false,
            document.Leader, replication, document.SemiSyncAcks, fallback, document.AutoFailoverSeconds);
        foreach (var (field, messages) in KeyspaceValidator.ValidatePolicy(policy, [.. options.Value.RegionList]))
        {
            errors[field] = [.. errors.GetValueOrDefault(field) ?? [], .. messages];
        }

        if (errors.Count > 0)
        {
            return Problem.InvalidArgument($"The policy of keyspace '{name}' is not valid.", errors);
        }

        var definition = await client.GetGrain<IKeyspaceCatalogGrain>(controlPlane.Key).Put(name, policy).WaitAsync(cancellationToken);
        await keyspaces.RefreshAsync(cancellationToken);
        return TypedResults.Ok(KeyspaceDocument.From(definition));
    }

    public static async Task<Ok<RegionsView>> GetRegions(IClusterClient client, IOptions<GeoStoreOptions> options, TimeProvider time, CancellationToken cancellationToken)
    {
        var coordinator = client.GetGrain<IKeyValueCoordinatorGrain>(0);
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var silos = (await coordinator.GetRegionSilos().WaitAsync(cancellationToken)).ToDictionary(r => r.Region, r => r.Silos, StringComparer.Ordinal);
        var views = await Task.WhenAll(options.Value.RegionList.Select(async region =>
        {
            var alive = silos.GetValueOrDefault(region, []);
            if (alive.IsEmpty)
            {
                return new RegionView(region, "down", 0, [], null, [], [], [], "no live silo in the region");
            }

            try
            {
                var status = await client.GetGrain<IRegionGrain>(region).GetStatus().WaitAsync(RegionStatusTimeout, cancellationToken);
                return new RegionView(region, "up", alive.Length, alive, status.LogPosition,
                    [.. status.Peers.Select(p => new LagView(p.Peer, p.EntriesBehind, p.MillisecondsBehind))],
                    [.. status.Hints.Select(h => new HintsView(h.Target, h.Pending, h.OldestMilliseconds))],
                    [.. (status.Applied ?? Core.Versioning.TimestampVector.Empty).Entries.Select(a => new AppliedView(a.Key, a.Value.ToString(), Math.Max(0, now - a.Value.WallMs)))],
                    null);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                return new RegionView(region, "unavailable", alive.Length, alive, null, [], [], [], ex.Message);
            }
        }));
        return TypedResults.Ok(new RegionsView(options.Value.Region, views));
    }

    public static async Task<Results<Ok<ConflictsView>, ProblemHttpResult>> GetConflicts(
        string? keyspace, string? since, int? limit, IClusterClient client, IOptions<GeoStoreOptions> options, CancellationToken cancellationToken)
    {
        if (keyspace is not null && KeyspaceValidator.ValidateName(keyspace) is { } keyspaceProblem)
        {
            return Problem.InvalidKeyspace(keyspaceProblem);
        }

        var sinceMs = 0L;
        if (since is not null && !ConflictsView.TryParseSince(since, out sinceMs))
        {
            return Problem.InvalidArgument($"'since' is milliseconds since the Unix epoch or an ISO 8601 time such as 2026-11-23T15:00:00Z; got '{since}'.");
        }

        var take = limit ?? ConflictsView.DefaultLimit;
        if (take is < 1 or > ConflictsView.MaxLimit)
        {
            return Problem.InvalidArgument($"'limit' is between 1 and {ConflictsView.MaxLimit}; got {take}.");
        }

        var query = new ConflictQuery(keyspace, sinceMs, take);
        var unavailable = new List<string>();
        var pages = await Task.WhenAll(options.Value.RegionList.Select(async region =>
        {
            try
            {
                var shards = await Task.WhenAll(Enumerable.Range(0, options.Value.LogShards).Select(shard =>
                    client.GetGrain<IConflictLogGrain>($"{region}/{shard}").Read(query).WaitAsync(RegionStatusTimeout, cancellationToken)));
                return shards;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                lock (unavailable)
                {
                    unavailable.Add(region);
                }

                return [];
            }
        }));

        var records = pages.SelectMany(p => p).SelectMany(p => p.Records)
            .OrderBy(r => r.AtMs).ThenBy(r => r.Region, StringComparer.Ordinal)
            .Take(take)
            .Select(ConflictView.From)
            .ToArray();
        var dropped = pages.SelectMany(p => p).Sum(p => p.Dropped);
        return TypedResults.Ok(new ConflictsView(options.Value.Region, records, dropped, [.. unavailable.Order(StringComparer.Ordinal)]));
    }

    public static async Task<Ok<WanView>> GetWan(IClusterClient client, ControlPlane controlPlane, IOptions<GeoStoreOptions> options, CancellationToken cancellationToken)
    {
        var model = await client.GetGrain<IWanGrain>(controlPlane.Key).Get().WaitAsync(cancellationToken);
        return TypedResults.Ok(ToView(model, options.Value.RegionList));
    }

    public static async Task<Results<Ok<WanLinkView>, ProblemHttpResult>> PutWanLink(
        string from, string to, HttpRequest request, IClusterClient client, ControlPlane controlPlane, IOptions<GeoStoreOptions> options, CancellationToken cancellationToken)
    {
        var regions = options.Value.RegionList;
        foreach (var region in (string[])[from, to])
        {
            if (!regions.Contains(region, StringComparer.Ordinal))
            {
                return Problem.InvalidArgument($"Region '{region}' does not exist; known regions: {string.Join(", ", regions)}.");
            }
        }

        if (string.Equals(from, to, StringComparison.Ordinal))
        {
            return Problem.InvalidArgument("A WAN link joins two different regions.");
        }

        var (document, readProblem) = await ReadJson<WanLinkDocument>(request, cancellationToken);
        if (readProblem is not null)
        {
            return readProblem;
        }

        // Range-check what was sent here; the merge with the current setting happens in the WAN grain.
        var sent = new WanLink(document!.LatencyMs ?? 0, document.Cut ?? false, document.Loss ?? 0);
        if (sent.Validate() is { } problem)
        {
            return Problem.InvalidArgument(problem);
        }

        var model = await client.GetGrain<IWanGrain>(controlPlane.Key)
            .UpdateLink(from, to, new WanLinkPatch(document.LatencyMs, document.Cut, document.Loss))
            .WaitAsync(cancellationToken);
        var set = model.Link(from, to);
        return TypedResults.Ok(new WanLinkView(from, to, set.LatencyMs, set.Cut, set.Loss));
    }

    /// <summary>
    /// One anti-entropy round from this API's region (or, when it holds no replica, the keyspace's
    /// first replica region) against every other replica region. An unreachable peer is reported
    /// in the answer, not as an error: the others are still repaired.
    /// </summary>
    public static async Task<Results<Ok<RepairView>, ProblemHttpResult>> RepairKeyspace(
        string name, IClusterClient client, KeyspaceCache keyspaces, IOptions<GeoStoreOptions> options, CancellationToken cancellationToken)
    {
        if (KeyspaceValidator.ValidateName(name) is { } nameProblem)
        {
            return Problem.InvalidKeyspace(nameProblem);
        }

        await keyspaces.RefreshAsync(cancellationToken);
        if (keyspaces.Snapshot.Find(name) is not { } definition)
        {
            return Problem.KeyspaceNotFound(name);
        }

        if (definition.Policy.Mode != ReplicationMode.Leaderless)
        {
            return Problem.InvalidArgument(
                $"Keyspace '{name}' is {definition.Policy.Mode}; anti-entropy repair runs on Leaderless keyspaces (the others converge through their replication log).",
                new Dictionary<string, string[]> { ["mode"] = [$"'{definition.Policy.Mode}' is not Leaderless."] });
        }

        var served = options.Value.Region;
        var region = definition.Policy.IsReplicaIn(served) ? served : definition.Policy.Regions[0];
        var report = await client.GetGrain<IAntiEntropyGrain>($"{region}/{name}").Repair().WaitAsync(cancellationToken);
        return TypedResults.Ok(RepairView.From(report, served));
    }

    private static WanView ToView(WanModel model, IReadOnlyList<string> regions) => new(model.Revision,
        [.. from a in regions
            from b in regions
            where !string.Equals(a, b, StringComparison.Ordinal)
            let link = model.Link(a, b)
            select new WanLinkView(a, b, link.LatencyMs, link.Cut, link.Loss)]);

    private static TEnum ParseEnum<TEnum>(string? text, TEnum fallback, string field, Dictionary<string, string[]> errors)
        where TEnum : struct, Enum
    {
        if (text is null)
        {
            return fallback;
        }

        if (Enum.TryParse<TEnum>(text, ignoreCase: true, out var value) && Enum.IsDefined(value) && !int.TryParse(text, out _))
        {
            return value;
        }

        errors[field] = [$"'{text}' is not one of: {string.Join(", ", Enum.GetNames<TEnum>())}."];
        return fallback;
    }

    internal static async Task<(T? Document, ProblemHttpResult? Problem)> ReadJson<T>(HttpRequest request, CancellationToken cancellationToken)
        where T : class
    {
        if (!request.HasJsonContentType())
        {
            return (null, Problem.InvalidArgument("The body must be JSON (Content-Type: application/json)."));
        }

        try
        {
            var options = request.HttpContext.RequestServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
            var document = await request.ReadFromJsonAsync<T>(options, cancellationToken);
            return document is null ? (null, Problem.InvalidArgument("The body must be a JSON object.")) : (document, null);
        }
        catch (JsonException ex)
        {
            return (null, Problem.InvalidArgument($"The body is not valid JSON for this request: {ex.Message}"));
        }
    }
}
