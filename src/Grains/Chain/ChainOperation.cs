namespace GeoStore.Grains.Chain;

/// <summary>
/// One client operation a <see cref="ChainCoordinator"/> runs: its deadline, the members that
/// failed along the way, whether a write may have been taken by a head, and whether the coordinator
/// already removed a member only it could not reach.
/// </summary>
internal sealed class ChainOperation(string name, string keyspace, long started, DateTimeOffset deadline)
{
    private readonly List<string> _unreached = [];
    private bool _ownRemovalTaken;

    /// <summary><c>write</c> or <c>read</c>.</summary>
    public string Name { get; } = name;

    public string Keyspace { get; } = keyspace;

    public long Started { get; } = started;

    public DateTimeOffset Deadline { get; } = deadline;

    public IReadOnlyList<string> Unreached => _unreached;

    public bool MayBeApplied { get; private set; }

    public void Failed(string member, bool mayBeApplied)
    {
        if (!_unreached.Contains(member, StringComparer.Ordinal))
        {
            _unreached.Add(member);
        }

        MayBeApplied |= mayBeApplied;
    }

    /// <summary>
    /// True the first time: the coordinator may remove one member that it alone found unreachable.
    /// Failures members report about each other are not limited.
    /// </summary>
    public bool TakeOwnRemoval()
    {
        var first = !_ownRemovalTaken;
        _ownRemovalTaken = true;
        return first;
    }
}
