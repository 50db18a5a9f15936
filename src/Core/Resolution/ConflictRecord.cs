using System.Collections.Immutable;
using GeoStore.Core.Versioning;

namespace GeoStore.Core.Resolution;

/// <summary>
/// One resolution that discarded or merged a value: which key, in which region it happened, how
/// (the resolver), the surviving version and the versions that lost (with their values, so a
/// discarded booking can be found and put right), at the region's clock time.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ConflictRecord(
    [property: Id(0)] string Keyspace,
    [property: Id(1)] string Key,
    [property: Id(2)] string Region,
    [property: Id(3)] string Resolver,
    [property: Id(4)] ConflictKind Kind,
    [property: Id(5)] WriteVersion? Winner,
    [property: Id(6)] ImmutableArray<VersionedValue> Losers,
    [property: Id(7)] long AtMs)
{
    /// <summary>The regions whose writes took part: the winner's and every loser's.</summary>
    public IEnumerable<string> Regions =>
        Losers.Select(l => l.Version.Region).Prepend(Winner?.Region).OfType<string>().Distinct(StringComparer.Ordinal);
}
