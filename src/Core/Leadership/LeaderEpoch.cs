using System.Globalization;

namespace GeoStore.Core.Leadership;

/// <summary>
/// The fencing token of a SingleLeader keyspace: the <see cref="Number"/>-th leadership, held by
/// <see cref="Leader"/>. Every promotion takes the <see cref="Next"/> number, durably, before the new
/// leader takes writes, so a message carrying an older number comes from a deposed (zombie) leader.
/// </summary>
/// <remarks>
/// Ordered by number; the leader's name (ordinal) only keeps the order total. Two epochs with the
/// same number and different leaders mean two promotions both succeeded, which the majority rule
/// and making each epoch durable before use are there to prevent; <see cref="Fencing"/> rejects such a message.
/// </remarks>
[GenerateSerializer, Immutable]
public sealed record LeaderEpoch : IComparable<LeaderEpoch>
{
    /// <param name="number">The epoch number, at least 1.</param>
    /// <param name="leader">The leader region of this epoch.</param>
    public LeaderEpoch(long number, string leader)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(number, 1);
        ArgumentException.ThrowIfNullOrWhiteSpace(leader);
        Number = number;
        Leader = leader;
    }

    /// <summary>The epoch number: 1 for a keyspace's first leader, one more for each promotion.</summary>
    [Id(0)]
    public long Number { get; }

    /// <summary>The region that leads, and alone takes writes, during this epoch.</summary>
    [Id(1)]
    public string Leader { get; }

    /// <summary>The first epoch of a keyspace: number 1, led by <paramref name="leader"/>.</summary>
    public static LeaderEpoch First(string leader) => new(1, leader);

    /// <summary>
    /// The epoch a promotion of <paramref name="newLeader"/> starts: this number plus one. The old
    /// leader's region may lead again (a switch-back), but only under the new number.
    /// </summary>
    /// <exception cref="OverflowException">The number is <see cref="long.MaxValue"/>.</exception>
    public LeaderEpoch Next(string newLeader) => new(checked(Number + 1), newLeader);

    /// <summary>True when this epoch is newer than <paramref name="other"/> (a greater number).</summary>
    public bool Supersedes(LeaderEpoch other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Number > other.Number;
    }

    /// <summary>Orders by number, then by leader name (ordinal); null sorts first.</summary>
    public int CompareTo(LeaderEpoch? other)
    {
        if (other is null)
        {
            return 1;
        }

        var byNumber = Number.CompareTo(other.Number);
        return byNumber != 0 ? byNumber : string.CompareOrdinal(Leader, other.Leader);
    }

    public static bool operator <(LeaderEpoch left, LeaderEpoch right) => Comparer<LeaderEpoch>.Default.Compare(left, right) < 0;
    public static bool operator >(LeaderEpoch left, LeaderEpoch right) => Comparer<LeaderEpoch>.Default.Compare(left, right) > 0;
    public static bool operator <=(LeaderEpoch left, LeaderEpoch right) => Comparer<LeaderEpoch>.Default.Compare(left, right) <= 0;
    public static bool operator >=(LeaderEpoch left, LeaderEpoch right) => Comparer<LeaderEpoch>.Default.Compare(left, right) >= 0;

    /// <summary>Formats as <c>epoch 3 (eu-west)</c>, the wording of fencing problems.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"epoch {Number} ({Leader})");
}
