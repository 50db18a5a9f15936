using System.Collections.Immutable;

namespace GeoStore.Core.Chain;

/// <summary>
/// The chain of a Chain keyspace as the catalog keeps it: the current <see cref="Configuration"/>
/// and, for each member, the configuration version at which it last joined
/// (<see cref="JoinedAt"/>: 1 for the regions the keyspace was created with). A member that joined
/// later holds a key only once it has copied it from its predecessor: whatever it stored before it
/// was removed is from another history (an old head's unacknowledged writes, numbered again since).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ChainMembership
{
    /// <param name="configuration">The chain's members in order and its version.</param>
    /// <param name="joinedAt">Per member, in the configuration's order, the version it joined at: from 1 to the configuration's version.</param>
    /// <exception cref="ArgumentException">The counts differ, or a joined-at version is outside 1..version.</exception>
    public ChainMembership(ChainConfiguration configuration, IEnumerable<long> joinedAt)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(joinedAt);
        var joined = joinedAt.ToImmutableArray();
        if (joined.Length != configuration.Length)
        {
            throw new ArgumentException($"A chain of {configuration.Length} members names {configuration.Length} joined-at versions; got {joined.Length}.", nameof(joinedAt));
        }

        if (joined.Any(v => v < 1 || v > configuration.Version))
        {
            throw new ArgumentException($"A member joins at a version from 1 to the chain's, {configuration.Version}; got {string.Join(", ", joined)}.", nameof(joinedAt));
        }

        Configuration = configuration;
        JoinedAt = joined;
    }

    /// <summary>The members in chain order and the version that numbers this configuration.</summary>
    [Id(0)]
    public ChainConfiguration Configuration { get; }

    /// <summary>Per member, in chain order, the configuration version at which it joined.</summary>
    [Id(1)]
    public ImmutableArray<long> JoinedAt { get; }

    /// <summary>The configuration's version; every reconfiguration raises it by one.</summary>
    public long Version => Configuration.Version;

    /// <summary>The first chain of a new keyspace over <paramref name="members"/>, head first: version 1, every member joined at 1.</summary>
    public static ChainMembership Initial(IEnumerable<string> members)
    {
        var configuration = ChainConfiguration.Initial(members);
        return new ChainMembership(configuration, Enumerable.Repeat(1L, configuration.Length));
    }

    /// <summary>The version at which <paramref name="region"/> joined this chain.</summary>
    /// <exception cref="ArgumentException"><paramref name="region"/> is no member.</exception>
    public long JoinedAtOf(string region)
    {
        var index = Configuration.IndexOf(region);
        return index >= 0 ? JoinedAt[index] : throw new ArgumentException($"'{region}' is no member of the chain {Configuration}.", nameof(region));
    }

    /// <summary>
    /// True when <paramref name="region"/> rejoined the chain after version 1 and a replica that has
    /// known chains only up to <paramref name="knownVersion"/> is from before that: it must copy the
    /// key from its predecessor before it applies, forwards or answers anything.
    /// </summary>
    public bool MustCopy(string region, long knownVersion)
    {
        var joined = JoinedAtOf(region);
        return joined > 1 && knownVersion < joined;
    }

    /// <summary>The chain without <paramref name="failed"/>, one version higher (<see cref="ChainConfiguration.Without"/>).</summary>
    public ChainMembership Without(string failed)
    {
        var index = Configuration.IndexOf(failed);
        return new ChainMembership(Configuration.Without(failed), JoinedAt.RemoveAt(index));
    }

    /// <summary>The chain with <paramref name="region"/> appended as its tail, one version higher, joining at that version.</summary>
    public ChainMembership WithAppended(string region)
    {
        var next = Configuration.WithAppended(region);
        return new ChainMembership(next, JoinedAt.Add(next.Version));
    }

    /// <summary>
    /// The membership after <paramref name="next"/>, which must be this configuration without one
    /// member or with one appended; null when it is neither.
    /// </summary>
    public ChainMembership? Follow(ChainConfiguration next)
    {
        ArgumentNullException.ThrowIfNull(next);
        if (next.Version != Version + 1)
        {
            return null;
        }

        if (next.Length == Configuration.Length - 1)
        {
            var removed = Configuration.Members.Except(next.Members, StringComparer.Ordinal).ToList();
            return removed.Count == 1 && Without(removed[0]).Configuration.Equals(next) ? Without(removed[0]) : null;
        }

        if (next.Length == Configuration.Length + 1 && !Configuration.Contains(next.Tail))
        {
            var appended = WithAppended(next.Tail);
            return appended.Configuration.Equals(next) ? appended : null;
        }

        return null;
    }

    /// <summary>Equal when the configurations and the joined-at versions are equal.</summary>
    public bool Equals(ChainMembership? other) =>
        other is not null && Configuration.Equals(other.Configuration) && JoinedAt.SequenceEqual(other.JoinedAt);

    /// <inheritdoc />
    public override int GetHashCode() => Configuration.GetHashCode();

    /// <summary>The chain as <c>v3: us-east -&gt; ap-south</c>.</summary>
    public override string ToString() => Configuration.ToString();
}
