using System.Collections.Immutable;

namespace GeoStore.Core.Chain;

/// <summary>
/// One key at one chain member under CRAQ (Terrace and Freedman, 2009): the newest committed
/// version (<see cref="Clean"/>) and the newer versions that have passed through this member but
/// are not yet acknowledged by the tail (<see cref="Dirty"/>, oldest first). A member whose key is
/// clean answers a read itself; a member with dirty versions asks the tail which version is
/// committed, so every member can answer reads without giving up linearizability.
/// </summary>
/// <remarks>
/// A clean answer is the committed one because histories are prefixes of one another: a write
/// committed at the tail has passed through every member before it, so a member that holds no
/// uncommitted version of the key holds its newest committed one. A member still catching up after
/// joining (<see cref="ChainNodeState.ServesReads"/> false) breaks that premise and must not answer.
/// </remarks>
/// <typeparam name="T">The value type.</typeparam>
[GenerateSerializer, Immutable]
public sealed record CraqKeyState<T>
{
    /// <param name="clean">The newest committed version, or null when none is known.</param>
    /// <param name="dirty">Uncommitted versions, each newer than the clean one and than those before it.</param>
    /// <exception cref="ArgumentException">The versions are not strictly increasing, or one is below 1.</exception>
    public CraqKeyState(CraqVersion<T>? clean, IEnumerable<CraqVersion<T>> dirty)
    {
        ArgumentNullException.ThrowIfNull(dirty);
        var versions = dirty.ToImmutableArray();
        var previous = 0L;
        foreach (var version in (clean is null ? versions : versions.Insert(0, clean)))
        {
            ArgumentNullException.ThrowIfNull(version, nameof(dirty));
            if (version.Version <= previous)
            {
                throw new ArgumentException($"A key's versions are strictly increasing from 1; got {version.Version} after {previous}.", nameof(dirty));
            }

            previous = version.Version;
        }

        Clean = clean;
        Dirty = versions;
    }

    /// <summary>A key no write has reached.</summary>
    public static CraqKeyState<T> Empty { get; } = new(null, []);

    /// <summary>The newest committed version this member knows, or null when it knows none.</summary>
    [Id(0)]
    public CraqVersion<T>? Clean { get; }

    /// <summary>Versions newer than <see cref="Clean"/> that the tail has not acknowledged as far as this member knows, oldest first.</summary>
    [Id(1)]
    public ImmutableArray<CraqVersion<T>> Dirty { get; }

    /// <summary>True when this member holds no uncommitted version and can answer a read alone.</summary>
    public bool IsClean => Dirty.IsEmpty;

    /// <summary>The committed version number this member knows; 0 when none. At the tail, the answer to a version query.</summary>
    public long CommittedVersion => Clean?.Version ?? 0;

    /// <summary>The newest version this member holds, committed or not; 0 when none.</summary>
    public long NewestVersion => Dirty.IsEmpty ? CommittedVersion : Dirty[^1].Version;

    /// <summary>
    /// The key after write <paramref name="version"/> passed through this member: a new dirty
    /// version. The tail commits it at once (<see cref="Commit"/>).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="version"/> is not newer than <see cref="NewestVersion"/>: writes apply in order, once.</exception>
    public CraqKeyState<T> Apply(long version, T value)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(version, NewestVersion);
        return new CraqKeyState<T>(Clean, Dirty.Add(new CraqVersion<T>(version, value)));
    }

    /// <summary>
    /// The key after the tail acknowledged every write through <paramref name="throughVersion"/>:
    /// the newest version up to it becomes clean and the older ones are dropped. Acknowledgements
    /// are cumulative over the whole chain, so any sequence number may be passed, even one that wrote
    /// another key; an older one changes nothing.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="throughVersion"/> is negative.</exception>
    public CraqKeyState<T> Commit(long throughVersion)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(throughVersion);
        var committed = 0;
        while (committed < Dirty.Length && Dirty[committed].Version <= throughVersion)
        {
            committed++;
        }

        return committed == 0 ? this : new CraqKeyState<T>(Dirty[committed - 1], Dirty.RemoveRange(0, committed));
    }

    /// <summary>
    /// A read at this member: the clean version (or its absence) when the key is clean, otherwise
    /// <see cref="CraqRead{T}.AskTail"/>.
    /// </summary>
    public CraqRead<T> ReadLocally() =>
        !IsClean ? CraqRead<T>.AskTail
        : Clean is { } clean ? CraqRead<T>.Found(clean.Version, clean.Value)
        : CraqRead<T>.Absent;

    /// <summary>
    /// The read's answer once the tail reported <paramref name="committedVersion"/> as the key's
    /// committed version: that version's value, which this member holds because the tail's history
    /// is a prefix of its own. A report older than <see cref="Clean"/> (an acknowledgement arrived
    /// meanwhile) is answered with the clean version, which was committed during the read.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="committedVersion"/> is negative, or newer than any version held here, or
    /// between versions held here: the tail cannot have committed a write this member never saw.
    /// </exception>
    public CraqRead<T> ReadAt(long committedVersion)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(committedVersion);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(committedVersion, NewestVersion);
        if (committedVersion <= CommittedVersion)
        {
            return Clean is { } clean ? CraqRead<T>.Found(clean.Version, clean.Value) : CraqRead<T>.Absent;
        }

        foreach (var version in Dirty)
        {
            if (version.Version == committedVersion)
            {
                return CraqRead<T>.Found(version.Version, version.Value);
            }
        }

        throw new ArgumentOutOfRangeException(nameof(committedVersion), committedVersion, "The tail reports a committed version of this key that this member never held.");
    }

    /// <summary>Equal when the clean versions and the dirty versions in order are equal.</summary>
    public bool Equals(CraqKeyState<T>? other) =>
        other is not null && Equals(Clean, other.Clean) && Dirty.SequenceEqual(other.Dirty);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Clean, Dirty.Length);
}
