namespace GeoStore.Core.Chain;

/// <summary>
/// The answer of a CRAQ read at one chain member: a committed value (or the committed absence of
/// one), or <see cref="MustAskTail"/> when the member holds uncommitted versions and only the tail
/// knows which of them is committed.
/// </summary>
/// <typeparam name="T">The value type.</typeparam>
[GenerateSerializer, Immutable]
public sealed record CraqRead<T>(
    [property: Id(0)] bool MustAskTail,
    [property: Id(1)] long Version,
    [property: Id(2)] T? Value)
{
    /// <summary>The member cannot answer alone: ask the tail for the key's committed version, then <see cref="CraqKeyState{T}.ReadAt"/>.</summary>
    public static CraqRead<T> AskTail { get; } = new(true, 0, default);

    /// <summary>The key has no committed version: a read returns "not found".</summary>
    public static CraqRead<T> Absent { get; } = new(false, 0, default);

    /// <summary>True when this is a committed value (not <see cref="AskTail"/>, not <see cref="Absent"/>).</summary>
    public bool Exists => !MustAskTail && Version > 0;

    /// <summary>A committed value: <paramref name="version"/> is the sequence number of the write that made it.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="version"/> is below 1.</exception>
    public static CraqRead<T> Found(long version, T value)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(version, 1);
        return new CraqRead<T>(false, version, value);
    }
}
