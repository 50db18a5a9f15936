namespace GeoStore.Abstractions.Options;

/// <summary>Settings every GeoStore process reads from the <c>GeoStore</c> configuration section.</summary>
public sealed class GeoStoreOptions
{
    public const string SectionName = "GeoStore";

    /// <summary>The region this process runs in (silo metadata <c>geostore.region</c>).</summary>
    public string Region { get; set; } = string.Empty;

    /// <summary>Every region of the geo-cluster, comma separated in configuration.</summary>
    public string Regions { get; set; } = string.Empty;

    /// <summary>Shards of each region's replication log. Must be equal in every region.</summary>
    public int LogShards { get; set; } = 8;

    /// <summary>Most entries a replication link ships in one batch.</summary>
    public int ReplicationBatchSize { get; set; } = 256;

    /// <summary>
    /// Most batches a replication link has in flight at once. One is stop-and-wait: an entry written
    /// while a batch crosses the WAN waits for its round trip. More keep a busy link close to one
    /// one-way latency; the receiver applies them in order and refuses any that overtook another.
    /// </summary>
    public int ReplicationWindow { get; set; } = 4;

    /// <summary>How long a cross-region call may take before the region counts as unavailable.</summary>
    public TimeSpan CrossRegionTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long a Leaderless coordinator waits for W acks (or R answers) before it answers
    /// quorum-not-met. Replicas that answer later still store the write.
    /// </summary>
    public TimeSpan QuorumTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How long a SemiSync or Sync write waits for its followers once it is durable at the leader
    /// before it fails (or, SemiSync with fallback Async, is acknowledged as degraded).
    /// </summary>
    public TimeSpan LeaderAckTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How long a follower keeps a SingleLeader failover's promise (to take no more entries of the
    /// epoch being replaced) before it asks the catalog whether the promotion happened; a failover
    /// that has not promoted within a third of it gives up. A failover whose caller died holds the
    /// old leader's shipments to the prepared followers back this long at most.
    /// </summary>
    public TimeSpan FailoverPromiseLifetime { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Seed of the WAN model's loss dice, so a lossy run can be replayed.</summary>
    public int WanSeed { get; set; } = 1;

    /// <summary>How often each region runs an anti-entropy round for every Leaderless keyspace it replicates, against its peers.</summary>
    public TimeSpan AntiEntropyInterval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// How old a tombstone every replica holds must be before anti-entropy purges it: longer than
    /// any write or hint older than the delete can stay in flight (a late one after the purge would
    /// bring the key back). Hints older than this are dropped.
    /// </summary>
    public TimeSpan TombstoneGrace { get; set; } = TimeSpan.FromHours(1);

    public IReadOnlyList<string> RegionList => Core.Regions.RegionNames.Parse(Regions);
}
