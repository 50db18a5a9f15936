namespace GeoStore.Core.Keyspaces;

/// <summary>Checks keyspace names and policies before they reach the catalog.</summary>
public static class KeyspaceValidator
{
    public const int MaxNameLength = 63;

    /// <summary>
    /// Keyspace names are 1–63 characters of lower-case ASCII letters, digits, '-' and '_',
    /// starting with a letter or digit, so they are safe in URLs, grain keys and table names.
    /// </summary>
    public static string? ValidateName(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return "A keyspace name must not be empty.";
        }

        if (name.Length > MaxNameLength)
        {
            return $"A keyspace name has at most {MaxNameLength} characters; '{Truncate(name)}' has {name.Length}.";
        }

        if (!char.IsAsciiLetterLower(name[0]) && !char.IsAsciiDigit(name[0]))
        {
            return $"A keyspace name starts with a lower-case letter or digit: '{Truncate(name)}'.";
        }

        foreach (var c in name)
        {
            if (!char.IsAsciiLetterLower(c) && !char.IsAsciiDigit(c) && c is not '-' and not '_')
            {
                return $"A keyspace name holds only a-z, 0-9, '-' and '_': '{Truncate(name)}'.";
            }
        }

        return null;
    }

    /// <summary>Every problem with <paramref name="policy"/>, keyed by the field it concerns.</summary>
    public static IReadOnlyDictionary<string, string[]> ValidatePolicy(KeyspacePolicy policy, IReadOnlyCollection<string> knownRegions)
    {
        var errors = new Dictionary<string, List<string>>();
        void Add(string field, string message)
        {
            if (!errors.TryGetValue(field, out var list))
            {
                errors[field] = list = [];
            }

            list.Add(message);
        }

        if (policy.Regions.IsDefaultOrEmpty)
        {
            Add("regions", "A keyspace needs at least one replica region.");
        }
        else
        {
            foreach (var region in policy.Regions)
            {
                if (!knownRegions.Contains(region, StringComparer.Ordinal))
                {
                    Add("regions", $"Region '{region}' does not exist; known regions: {string.Join(", ", knownRegions)}.");
                }
            }

            var duplicates = policy.Regions.GroupBy(r => r, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
            if (duplicates.Count > 0)
            {
                Add("regions", $"Each region appears once; repeated: {string.Join(", ", duplicates)}.");
            }
        }

        if (!Enum.IsDefined(policy.Mode))
        {
            Add("mode", $"mode is one of {string.Join(", ", Enum.GetNames<ReplicationMode>())}; got {policy.Mode}.");
        }

        ValidateTopology(policy, Add);
        ValidateResolverOptions(policy, Add);
        ValidateQuorum(policy, Add);
        ValidateLeader(policy, Add);
        ValidateChain(policy, Add);
        return errors.ToDictionary(e => e.Key, e => e.Value.ToArray());
    }

    private static void ValidateTopology(KeyspacePolicy policy, Action<string, string> add)
    {
        if (policy.Topology == ReplicationTopology.Star)
        {
            if (string.IsNullOrEmpty(policy.Hub))
            {
                add("hub", "A Star topology names its hub region (\"hub\": one of the keyspace's regions).");
            }
            else if (!policy.IsReplicaIn(policy.Hub))
            {
                add("hub", $"The hub '{policy.Hub}' must be one of the keyspace's regions: {string.Join(", ", policy.Regions)}.");
            }
        }
        else if (policy.Hub is not null)
        {
            add("hub", $"Only a Star topology has a hub; this keyspace's topology is {policy.Topology}.");
        }
    }

    private static void ValidateQuorum(KeyspacePolicy policy, Action<string, string> add)
    {
        if (policy.Mode != ReplicationMode.Leaderless)
        {
            if (policy.HasQuorumSettings)
            {
                add("mode", $"Only a Leaderless keyspace has n, w, r, linearizable and sloppy; this keyspace is {policy.Mode}.");
            }

            return;
        }

        if (policy.Topology != ReplicationTopology.AllToAll || policy.Hub is not null)
        {
            add("topology", "A Leaderless keyspace has no topology: the coordinator writes to every replica itself.");
        }

        if (policy.Resolver is not ConflictResolver.Lww and not ConflictResolver.MultiValue)
        {
            add("resolver", $"A Leaderless keyspace resolves with Lww or MultiValue; got {policy.Resolver}.");
        }

        var regions = policy.Regions.IsDefault ? 0 : policy.Regions.Length;
        if (policy.N is { } n && n != regions)
        {
            add("n", $"n is the number of replica regions, {regions} here; got {n}.");
        }

        if (regions == 0 || policy.Quorum is not { } quorum)
        {
            return;
        }

        foreach (var (field, messages) in quorum.Validate())
        {
            foreach (var message in messages)
            {
                add(field, message);
            }
        }

        if (policy.Linearizable && policy.Resolver != ConflictResolver.Lww)
        {
            add("linearizable", "A linearizable keyspace holds one value per key, so it resolves with Lww.");
        }
    }

    private static void ValidateLeader(KeyspacePolicy policy, Action<string, string> add)
    {
        if (policy.Mode != ReplicationMode.SingleLeader)
        {
            if (policy.HasLeaderSettings)
            {
                add("mode", $"Only a SingleLeader keyspace has leader, replication, semiSyncAcks, semiSyncFallback and autoFailoverSeconds; this keyspace is {policy.Mode}.");
            }

            return;
        }

        OneWriterRules(policy, add);
        if (string.IsNullOrEmpty(policy.Leader))
        {
            add("leader", "A SingleLeader keyspace names its leader region (\"leader\": one of the keyspace's regions).");
        }
        else if (!policy.IsReplicaIn(policy.Leader))
        {
            add("leader", $"The leader '{policy.Leader}' must be one of the keyspace's regions: {string.Join(", ", policy.Regions.IsDefault ? [] : policy.Regions)}.");
        }

        if (policy.Acks is { } acks && !policy.Regions.IsDefault)
        {
            var followers = policy.Leader is { } leader && policy.IsReplicaIn(leader) ? policy.Regions.Length - 1 : policy.Regions.Length;
            foreach (var (field, messages) in acks.Validate(followers))
            {
                foreach (var message in messages)
                {
                    add(field, message);
                }
            }
        }

        if (policy.SemiSyncAcks is not null && policy.Replication != Leadership.AckMode.SemiSync)
        {
            add("semiSyncAcks", $"Only SemiSync replication counts follower acks; this keyspace replicates {policy.Replication ?? Leadership.AckMode.Async}.");
        }

        if (policy.SemiSyncFallback is not null && policy.Replication != Leadership.AckMode.SemiSync)
        {
            add("semiSyncFallback", $"Only SemiSync replication falls back; this keyspace replicates {policy.Replication ?? Leadership.AckMode.Async}.");
        }

        if (policy.AutoFailoverSeconds is { } seconds && (seconds < MinAutoFailoverSeconds || seconds > MaxAutoFailoverSeconds))
        {
            add("autoFailoverSeconds", $"autoFailoverSeconds is between {MinAutoFailoverSeconds} and {MaxAutoFailoverSeconds} (or left out: no automatic failover); got {seconds}.");
        }
    }

    public const int MinAutoFailoverSeconds = 1;
    public const int MaxAutoFailoverSeconds = 3600;

    private static void ValidateChain(KeyspacePolicy policy, Action<string, string> add)
    {
        if (policy.Mode == ReplicationMode.Chain)
        {
            OneWriterRules(policy, add);
        }
    }

    /// <summary>SingleLeader and Chain keyspaces have one writer at a time: nothing to resolve and no topology.</summary>
    private static void OneWriterRules(KeyspacePolicy policy, Action<string, string> add)
    {
        if (policy.Topology != ReplicationTopology.AllToAll || policy.Hub is not null)
        {
            add("topology", $"A {policy.Mode} keyspace has no topology: {(policy.Mode == ReplicationMode.Chain ? "writes pass along the chain in the order of its regions" : "the leader ships its log to every follower")}.");
        }

        if (policy.Resolver != ConflictResolver.Lww)
        {
            add("resolver", $"A {policy.Mode} keyspace has one writer at a time, so nothing to resolve: leave the resolver out (Lww); got {policy.Resolver}.");
        }
    }

    private static void ValidateResolverOptions(KeyspacePolicy policy, Action<string, string> add)
    {
        if (policy.MaxSiblings is < 1 or > KeyspacePolicy.MaxSiblingsLimit)
        {
            add("maxSiblings", $"maxSiblings is between 1 and {KeyspacePolicy.MaxSiblingsLimit}; got {policy.MaxSiblings}.");
        }

        if (policy.Resolver == ConflictResolver.Custom)
        {
            if (string.IsNullOrEmpty(policy.CustomResolver))
            {
                add("customResolver", "A Custom keyspace names its resolver (\"customResolver\": a name registered in the silos).");
            }
            else if (ValidateName(policy.CustomResolver) is { } problem)
            {
                add("customResolver", problem.Replace("keyspace name", "resolver name", StringComparison.Ordinal));
            }
        }
        else if (policy.CustomResolver is not null)
        {
            add("customResolver", $"Only a Custom keyspace names a resolver; this keyspace resolves with {policy.Resolver}.");
        }

        if (policy.Resolver == ConflictResolver.Crdt && policy.Crdt is null)
        {
            add("crdt", $"A Crdt keyspace names its data type (\"crdt\": one of {string.Join(", ", Enum.GetNames<Crdts.CrdtType>())}).");
        }
        else if (policy.Resolver != ConflictResolver.Crdt && policy.Crdt is not null)
        {
            add("crdt", $"Only a Crdt keyspace has a data type; this keyspace resolves with {policy.Resolver}.");
        }
    }

    private static string Truncate(string text) => text.Length <= 80 ? text : text[..80] + "…";
}
