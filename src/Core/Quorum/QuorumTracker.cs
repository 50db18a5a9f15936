namespace GeoStore.Core.Quorum;

/// <summary>
/// Counts the answers of named replicas to one quorum operation. Each replica counts once: its first
/// answer stands and repeats are ignored, so retries and duplicated replies cannot inflate a quorum.
/// Not thread-safe; one coordinator turn owns it.
/// </summary>
public sealed class QuorumTracker
{
    private readonly HashSet<string> replicas;
    private readonly HashSet<string> answered = new(StringComparer.Ordinal);
    private readonly List<string> acked = [];
    private readonly List<string> failed = [];

    /// <param name="replicas">The N distinct replicas asked.</param>
    /// <param name="required">How many successes the operation needs (W or R), from 1 to N.</param>
    public QuorumTracker(IEnumerable<string> replicas, int required)
    {
        ArgumentNullException.ThrowIfNull(replicas);
        this.replicas = new HashSet<string>(replicas, StringComparer.Ordinal);
        ArgumentOutOfRangeException.ThrowIfLessThan(this.replicas.Count, 1, nameof(replicas));
        ArgumentOutOfRangeException.ThrowIfLessThan(required, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(required, this.replicas.Count);
        Required = required;
    }

    public int N => replicas.Count;

    public int Required { get; }

    /// <summary>Replicas that succeeded, in the order their answers arrived.</summary>
    public IReadOnlyList<string> Acked => acked;

    /// <summary>Replicas that failed or timed out, in the order their answers arrived.</summary>
    public IReadOnlyList<string> Failed => failed;

    public int Pending => N - answered.Count;

    /// <summary>At least <see cref="Required"/> replicas succeeded.</summary>
    public bool IsMet => acked.Count >= Required;

    /// <summary>So many failed that the rest cannot make up <see cref="Required"/>: stop waiting.</summary>
    public bool IsImpossible => failed.Count > N - Required;

    /// <summary>Either way the operation's outcome is known.</summary>
    public bool IsDecided => IsMet || IsImpossible;

    /// <summary>Records <paramref name="replica"/>'s answer; false when it had already answered.</summary>
    /// <exception cref="ArgumentException">The replica was not asked.</exception>
    public bool Record(string replica, bool success)
    {
        ArgumentNullException.ThrowIfNull(replica);
        if (!replicas.Contains(replica))
        {
            throw new ArgumentException($"'{replica}' is not one of the replicas asked: {string.Join(", ", replicas.Order(StringComparer.Ordinal))}.", nameof(replica));
        }

        if (!answered.Add(replica))
        {
            return false;
        }

        (success ? acked : failed).Add(replica);
        return true;
    }
}
