using GeoStore.Core.Versioning;

namespace GeoStore.Core.Resolution;

/// <summary>
/// Picks the survivor of two concurrent versions of one key (neither writer saw the other). It must
/// return one of its arguments, answer the same for (a, b) and (b, a), and order versions
/// consistently (a total order), so every replica keeps the same survivor whatever order the
/// versions arrive in.
/// </summary>
public delegate VersionedValue ConcurrentChoice(VersionedValue a, VersionedValue b);
