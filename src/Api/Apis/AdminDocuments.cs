using GeoStore.Core.Crdts;
using GeoStore.Core.Keyspaces;

namespace GeoStore.Api.Apis;

/// <summary>
/// A keyspace policy as clients send it:
/// <c>{"mode":"MultiLeader","regions":[…],"resolver":"Lww","topology":"Star","hub":"us-east","maxSiblings":8,"customResolver":null}</c>
/// or <c>{"mode":"Leaderless","regions":[…],"n":3,"w":2,"r":2,"linearizable":false,"sloppy":false}</c>.
/// </summary>
public sealed record KeyspacePolicyDocument(
    string? Mode,
    string[]? Regions,
    string? Resolver,
    string? Topology,
    string? Hub = null,
    int? MaxSiblings = null,
    string? CustomResolver = null,
    string? Crdt = null,
    int? N = null,
    int? W = null,
    int? R = null,
    bool? Linearizable = null,
    bool? Sloppy = null,
    string? Leader = null,
    string? Replication = null,
    int? SemiSyncAcks = null,
    string? SemiSyncFallback = null,
    int? AutoFailoverSeconds = null);

/// <summary>A keyspace as the API answers it; a Leaderless one with the N, W and R it runs with.</summary>
public sealed record KeyspaceDocument(
    string Name,
    ReplicationMode Mode,
    IReadOnlyList<string> Regions,
    ConflictResolver Resolver,
    ReplicationTopology Topology,
    string? Hub,
    int MaxSiblings,
    string? CustomResolver,
    CrdtType? Crdt,
    long Revision,
    int? N = null,
    int? W = null,
    int? R = null,
    bool? Linearizable = null,
    bool? Sloppy = null,
    string? Leader = null,
    long? Epoch = null,
    string? Replication = null,
    int? SemiSyncAcks = null,
    string? SemiSyncFallback = null,
    int? AutoFailoverSeconds = null,
    bool? Unfenced = null)
{
    public static KeyspaceDocument From(KeyspaceDefinition definition)
    {
        var policy = definition.Policy;
        var quorum = policy.Quorum;
        var acks = policy.Acks;
        return new(
            definition.Name, policy.Mode, policy.Regions, policy.Resolver, policy.Topology, policy.Hub, policy.MaxSiblings, policy.CustomResolver, policy.Crdt, definition.Revision,
            quorum?.N, quorum?.W, quorum?.R, quorum?.Linearizable, quorum?.Sloppy,
            definition.Epoch?.Leader, definition.Epoch?.Number, acks?.Mode.ToString(),
            acks?.Mode == Core.Leadership.AckMode.SemiSync ? acks.SemiSyncAcks : null,
            acks?.Mode == Core.Leadership.AckMode.SemiSync ? acks.Fallback.ToString() : null,
            policy.AutoFailoverSeconds, definition.Unfenced ? true : null);
    }
}

/// <summary>One directed WAN link setting; fields left out keep their current value.</summary>
public sealed record WanLinkDocument(int? LatencyMs, bool? Cut, double? Loss);

/// <summary>One directed WAN link as the API answers it.</summary>
public sealed record WanLinkView(string From, string To, int LatencyMs, bool Cut, double Loss);

/// <summary>The whole simulated WAN: every directed pair of regions.</summary>
public sealed record WanView(long Revision, IReadOnlyList<WanLinkView> Links);

/// <summary>How far one peer is behind a region's log.</summary>
public sealed record LagView(string Peer, long EntriesBehind, long MillisecondsBehind);

/// <summary>Writes a region holds for an unreachable peer.</summary>
public sealed record HintsView(string Target, long Pending, long OldestMilliseconds);

/// <summary>The newest write a region has applied from another, and how long ago (by the serving API's clock) it was made.</summary>
public sealed record AppliedView(string Origin, string Newest, long AgeMilliseconds);

/// <summary>
/// One region's health, log position, lag to each peer (its outgoing links), pending hints and the
/// newest write applied from each other region (its incoming side), as seen from the answering API's region.
/// </summary>
public sealed record RegionView(
    string Region, string State, int SilosAlive, IReadOnlyList<string> Silos, long? LogPosition, IReadOnlyList<LagView> Lag, IReadOnlyList<HintsView> Hints, IReadOnlyList<AppliedView> Applied, string? Problem);

/// <summary>The answer of <c>GET /v1/admin/regions</c>.</summary>
public sealed record RegionsView(string ServedBy, IReadOnlyList<RegionView> Regions);
