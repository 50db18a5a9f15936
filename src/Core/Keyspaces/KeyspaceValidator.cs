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

        // Only what runs end to end is accepted; the rest are rejected rather than silently downgraded.
        if (policy.Mode != ReplicationMode.MultiLeader)
        {
            Add("mode", $"Mode '{policy.Mode}' is not available yet; this build replicates MultiLeader keyspaces.");
        }

        if (policy.Resolver != ConflictResolver.Lww)
        {
            Add("resolver", $"Resolver '{policy.Resolver}' is not available yet; this build resolves with Lww.");
        }

        if (policy.Topology != ReplicationTopology.AllToAll)
        {
            Add("topology", $"Topology '{policy.Topology}' is not available yet; this build ships AllToAll.");
        }

        return errors.ToDictionary(e => e.Key, e => e.Value.ToArray());
    }

    private static string Truncate(string text) => text.Length <= 80 ? text : text[..80] + "…";
}
