namespace GeoStore.Core.Leadership;

/// <summary>Why <see cref="FailoverChoice.TryChoose"/> promoted nobody.</summary>
public enum FailoverRefusalKind
{
    /// <summary>The named target is not a follower of the keyspace (or already leads it).</summary>
    NotAFollower,

    /// <summary>A follower knows a newer epoch: another promotion happened; learn it instead of racing it.</summary>
    NewerEpoch,

    /// <summary>No follower (or not the named one) answered the prepare.</summary>
    Unreachable,

    /// <summary>
    /// Too few followers answered to be sure a reachable one holds every acknowledged write (Sync needs
    /// every follower, SemiSync(k) all but k−1).
    /// </summary>
    TooFewPrepared,

    /// <summary>The named target lacks entries another prepared follower received (and may hold acknowledged writes).</summary>
    TargetBehind,

    /// <summary>No prepared follower received everything the others did: each lacks a shard another has.</summary>
    NoneHoldsAll,
}

/// <summary>A refused failover: what kind of refusal and, in words an operator can act on, why.</summary>
/// <param name="Kind">The kind of refusal.</param>
/// <param name="Message">What happened and what the operator can do.</param>
public sealed record FailoverRefusal(FailoverRefusalKind Kind, string Message)
{
    /// <summary>True when repeating with <c>force</c> would promote anyway (at the risk of losing acknowledged writes).</summary>
    public bool Forcible => Kind is FailoverRefusalKind.TooFewPrepared or FailoverRefusalKind.TargetBehind or FailoverRefusalKind.NoneHoldsAll;
}
