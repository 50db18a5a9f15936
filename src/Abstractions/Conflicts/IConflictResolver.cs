using GeoStore.Core.Versioning;

namespace GeoStore.Abstractions.Conflicts;

/// <summary>
/// A named rule that settles concurrent writes in a Custom keyspace
/// (<c>{"resolver":"Custom","customResolver":"&lt;Name&gt;"}</c>). Register implementations in the
/// silo's services (<c>services.AddConflictResolver&lt;T&gt;()</c>); every silo of every region must
/// register the same ones. The store calls <see cref="Choose"/> only for two versions neither of
/// whose writers saw the other; a causal overwrite never reaches it. The survivor is kept and the
/// other version goes to the conflict log.
/// </summary>
public interface IConflictResolver
{
    /// <summary>The name keyspaces refer to: lower-case letters, digits and '-'.</summary>
    string Name { get; }

    /// <summary>
    /// Returns <paramref name="a"/> or <paramref name="b"/>: deterministic, the same answer for
    /// (a, b) and (b, a), and consistent with one total order of versions, so that every region
    /// keeps the same survivor whatever order the writes reach it in. Either may be a tombstone.
    /// </summary>
    VersionedValue Choose(string keyspace, string key, VersionedValue a, VersionedValue b);
}
