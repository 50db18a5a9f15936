namespace GeoStore.Core.Leadership;

/// <summary>
/// What a SingleLeader keyspace's writes wait for before they are acknowledged: the
/// <paramref name="Mode"/>, the <paramref name="SemiSyncAcks"/> (k) followers a SemiSync write needs,
/// and what a SemiSync write does when k followers do not answer in time (<paramref name="Fallback"/>).
/// <paramref name="SemiSyncAcks"/> and <paramref name="Fallback"/> mean nothing in the other modes.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record AckRequirement(
    [property: Id(0)] AckMode Mode,
    [property: Id(1)] int SemiSyncAcks = 1,
    [property: Id(2)] SemiSyncFallback Fallback = SemiSyncFallback.Fail)
{
    /// <summary>Acknowledge once the leader's log holds the write.</summary>
    public static AckRequirement Async { get; } = new(AckMode.Async);

    /// <summary>Acknowledge once every follower applied the write.</summary>
    public static AckRequirement Sync { get; } = new(AckMode.Sync);

    /// <summary>Acknowledge once <paramref name="acks"/> followers received the write; on timeout, <paramref name="fallback"/>.</summary>
    public static AckRequirement SemiSync(int acks, SemiSyncFallback fallback = SemiSyncFallback.Fail) =>
        new(AckMode.SemiSync, acks, fallback);

    /// <summary>
    /// How many followers must reach the mode's level among <paramref name="followerCount"/>: none
    /// for Async, k for SemiSync, all of them for Sync. Not range-checked; see <see cref="Validate"/>.
    /// </summary>
    public int RequiredOf(int followerCount) => Mode switch
    {
        AckMode.Async => 0,
        AckMode.SemiSync => SemiSyncAcks,
        _ => followerCount,
    };

    /// <summary>
    /// Every problem with this requirement for a keyspace with <paramref name="followerCount"/>
    /// followers (its regions but the leader), keyed by the policy field it concerns; empty when valid.
    /// </summary>
    public IReadOnlyDictionary<string, string[]> Validate(int followerCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(followerCount);
        var errors = new Dictionary<string, string[]>();
        if (!Enum.IsDefined(Mode))
        {
            errors["replication"] = [$"replication is Async, SemiSync or Sync; got {Mode}."];
        }

        if (!Enum.IsDefined(Fallback))
        {
            errors["semiSyncFallback"] = [$"semiSyncFallback is Fail or Async; got {Fallback}."];
        }

        if (Mode == AckMode.SemiSync && followerCount == 0)
        {
            errors["semiSyncAcks"] = ["SemiSync needs at least one follower: the keyspace has only its leader region."];
        }
        else if (Mode == AckMode.SemiSync && (SemiSyncAcks < 1 || SemiSyncAcks > followerCount))
        {
            errors["semiSyncAcks"] = [$"semiSyncAcks is between 1 and the {followerCount} followers; got {SemiSyncAcks}."];
        }

        return errors;
    }

    /// <summary>Formats as the policy names it: <c>Async</c>, <c>SemiSync(2)</c> (with <c>, fallback Async</c> when it falls back) or <c>Sync</c>.</summary>
    public override string ToString() => Mode switch
    {
        AckMode.SemiSync when Fallback == SemiSyncFallback.Async => $"SemiSync({SemiSyncAcks}, fallback Async)",
        AckMode.SemiSync => $"SemiSync({SemiSyncAcks})",
        _ => Mode.ToString(),
    };
}
