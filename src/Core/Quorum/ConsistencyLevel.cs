using System.Globalization;

namespace GeoStore.Core.Quorum;

/// <summary>
/// A per-request <c>w</c> or <c>r</c> as the client wrote it: <c>one</c>, <c>quorum</c>, <c>all</c>
/// or a number. Named levels stay symbolic until <see cref="CountFor"/> applies them to a keyspace's N.
/// </summary>
[GenerateSerializer, Immutable]
public readonly record struct ConsistencyLevel(
    [property: Id(0)] ConsistencyLevelKind Kind,
    [property: Id(1)] int Count = 0)
{
    public static ConsistencyLevel One { get; } = new(ConsistencyLevelKind.One);

    public static ConsistencyLevel Quorum { get; } = new(ConsistencyLevelKind.Quorum);

    public static ConsistencyLevel All { get; } = new(ConsistencyLevelKind.All);

    public static ConsistencyLevel Exactly(int count) => new(ConsistencyLevelKind.Count, count);

    /// <summary>The number of replicas this level asks for among <paramref name="n"/>; not range-checked.</summary>
    public int CountFor(int n) => Kind switch
    {
        ConsistencyLevelKind.One => 1,
        ConsistencyLevelKind.Quorum => QuorumLevels.Majority(n),
        ConsistencyLevelKind.All => n,
        _ => Count,
    };

    /// <summary>
    /// Parses <c>one</c>, <c>quorum</c>, <c>all</c> (any case) or a decimal number without sign.
    /// Surrounding white space is ignored.
    /// </summary>
    public static bool TryParse(string? text, out ConsistencyLevel level)
    {
        var span = (text ?? string.Empty).AsSpan().Trim();
        if (span.Equals("one", StringComparison.OrdinalIgnoreCase))
        {
            level = One;
        }
        else if (span.Equals("quorum", StringComparison.OrdinalIgnoreCase))
        {
            level = Quorum;
        }
        else if (span.Equals("all", StringComparison.OrdinalIgnoreCase))
        {
            level = All;
        }
        else if (int.TryParse(span, NumberStyles.None, CultureInfo.InvariantCulture, out var count))
        {
            level = Exactly(count);
        }
        else
        {
            level = default;
            return false;
        }

        return true;
    }

    public override string ToString() => Kind switch
    {
        ConsistencyLevelKind.One => "one",
        ConsistencyLevelKind.Quorum => "quorum",
        ConsistencyLevelKind.All => "all",
        _ => Count.ToString(CultureInfo.InvariantCulture),
    };
}
