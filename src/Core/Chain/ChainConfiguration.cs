using System.Collections.Immutable;
using GeoStore.Core.Regions;

namespace GeoStore.Core.Chain;

/// <summary>
/// One configuration of a replication chain: its <see cref="Members"/> in chain order, head first
/// and tail last, and the <see cref="Version"/> that numbers it. Writes enter at the head and move
/// towards the tail; the tail acknowledges them and answers reads. Every reconfiguration
/// (<see cref="Without"/>, <see cref="WithAppended"/>) yields a configuration one version higher,
/// so a node can refuse a message sent under a configuration older than the one it knows.
/// </summary>
/// <remarks>
/// The constructor refuses a version below 1, an empty chain, an invalid region name and a region
/// named twice: a region cannot hold two positions in one chain.
/// </remarks>
[GenerateSerializer, Immutable]
public sealed record ChainConfiguration
{
    /// <param name="version">The configuration number, at least 1; higher is newer.</param>
    /// <param name="members">The member regions in chain order, head first: at least one, each named once.</param>
    /// <exception cref="ArgumentException">The members are empty, repeat a region or name an invalid region.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="version"/> is below 1.</exception>
    public ChainConfiguration(long version, IEnumerable<string> members)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(version, 1);
        ArgumentNullException.ThrowIfNull(members);
        var ordered = members.ToImmutableArray();
        if (ordered.IsEmpty)
        {
            throw new ArgumentException("A chain has at least one member region.", nameof(members));
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var member in ordered)
        {
            if (RegionNames.Validate(member) is { } problem)
            {
                throw new ArgumentException(problem, nameof(members));
            }

            if (!seen.Add(member))
            {
                throw new ArgumentException($"A region holds one position in a chain; '{member}' is named twice.", nameof(members));
            }
        }

        Version = version;
        Members = ordered;
    }

    /// <summary>The configuration number: every reconfiguration adds one.</summary>
    [Id(0)]
    public long Version { get; }

    /// <summary>The member regions in chain order: <see cref="Head"/> first, <see cref="Tail"/> last.</summary>
    [Id(1)]
    public ImmutableArray<string> Members { get; }

    /// <summary>The region that takes writes, assigns their sequence numbers and sends them down the chain.</summary>
    public string Head => Members[0];

    /// <summary>The region that acknowledges writes and answers reads: a write is committed once the tail holds it.</summary>
    public string Tail => Members[^1];

    /// <summary>How many regions the chain has.</summary>
    public int Length => Members.Length;

    /// <summary>The first configuration of a chain over <paramref name="members"/>, head first: version 1.</summary>
    /// <exception cref="ArgumentException">As the constructor.</exception>
    public static ChainConfiguration Initial(IEnumerable<string> members) => new(1, members);

    /// <summary>True when <paramref name="region"/> is a member of this chain.</summary>
    public bool Contains(string region)
    {
        ArgumentNullException.ThrowIfNull(region);
        return Members.Contains(region, StringComparer.Ordinal);
    }

    /// <summary>The position of <paramref name="region"/> in the chain (0 is the head), or -1 when it is no member.</summary>
    public int IndexOf(string region)
    {
        ArgumentNullException.ThrowIfNull(region);
        return Members.IndexOf(region, StringComparer.Ordinal);
    }

    /// <summary>True when <paramref name="region"/> is the head.</summary>
    public bool IsHead(string region) => string.Equals(Head, region ?? throw new ArgumentNullException(nameof(region)), StringComparison.Ordinal);

    /// <summary>True when <paramref name="region"/> is the tail.</summary>
    public bool IsTail(string region) => string.Equals(Tail, region ?? throw new ArgumentNullException(nameof(region)), StringComparison.Ordinal);

    /// <summary>The region that <paramref name="region"/> sends writes to; null when it is the tail.</summary>
    /// <exception cref="ArgumentException"><paramref name="region"/> is no member.</exception>
    public string? Successor(string region)
    {
        var index = MemberIndex(region);
        return index == Members.Length - 1 ? null : Members[index + 1];
    }

    /// <summary>The region that <paramref name="region"/> receives writes from (and sends acknowledgements to); null when it is the head.</summary>
    /// <exception cref="ArgumentException"><paramref name="region"/> is no member.</exception>
    public string? Predecessor(string region)
    {
        var index = MemberIndex(region);
        return index == 0 ? null : Members[index - 1];
    }

    /// <summary>
    /// The chain after <paramref name="failed"/> is removed, one version higher. When the head fails
    /// its successor becomes the head; when the tail fails its predecessor becomes the tail; when a
    /// middle member fails its predecessor links to its successor. Which updates must then be sent
    /// again is <see cref="ChainNodeState.ResendTo"/>'s and <see cref="ChainNodeState.BecomeTail"/>'s concern.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="failed"/> is no member.</exception>
    /// <exception cref="InvalidOperationException"><paramref name="failed"/> is the only member: a chain cannot be empty.</exception>
    public ChainConfiguration Without(string failed)
    {
        var index = MemberIndex(failed);
        if (Members.Length == 1)
        {
            throw new InvalidOperationException($"'{failed}' is the only member of the chain; removing it would leave no region holding the data.");
        }

        return new ChainConfiguration(Version + 1, Members.RemoveAt(index));
    }

    /// <summary>
    /// The chain with <paramref name="region"/> appended as its new tail, one version higher. A
    /// region (new, or back after a failure) joins at the tail, as in chain replication: it first
    /// copies the current tail's history (<see cref="ChainNodeState.Joining"/>), then the old tail
    /// sends it what it still lacks and stops answering reads.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="region"/> is already a member or is no valid region name.</exception>
    public ChainConfiguration WithAppended(string region)
    {
        ArgumentNullException.ThrowIfNull(region);
        if (Contains(region))
        {
            throw new ArgumentException($"'{region}' is already a member of the chain: {string.Join(" -> ", Members)}.", nameof(region));
        }

        return new ChainConfiguration(Version + 1, Members.Add(region));
    }

    /// <summary>Equal when the versions and the members in order are equal.</summary>
    public bool Equals(ChainConfiguration? other) =>
        other is not null && Version == other.Version && Members.SequenceEqual(other.Members, StringComparer.Ordinal);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Version, Members.Length, Members[0]);

    /// <summary>The chain as <c>v3: us-east -&gt; eu-west -&gt; ap-south</c>.</summary>
    public override string ToString() => $"v{Version}: {string.Join(" -> ", Members)}";

    private int MemberIndex(string region)
    {
        var index = IndexOf(region);
        return index >= 0
            ? index
            : throw new ArgumentException($"'{region}' is no member of the chain {this}.", nameof(region));
    }
}
