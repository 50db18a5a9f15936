using System.Collections.Immutable;

namespace GeoStore.Core.Wan;

/// <summary>
/// The simulated WAN: a setting per directed region pair (from → to). Pairs not listed are healthy
/// with no added latency. Immutable; <see cref="Revision"/> grows with each change and
/// <see cref="Epoch"/> names the model's life, so silos can tell any other model from the one they hold.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record WanModel(
    [property: Id(0)] long Revision,
    [property: Id(1)] ImmutableDictionary<string, WanLink> Links,
    [property: Id(2)] Guid Epoch = default)
{
    public static WanModel Empty { get; } = new(0, ImmutableDictionary<string, WanLink>.Empty.WithComparers(StringComparer.Ordinal));

    public static WanModel Fresh() => Empty with { Epoch = Guid.NewGuid() };

    public static string LinkName(string from, string to) => $"{from}->{to}";

    public WanLink Link(string from, string to) =>
        Links.TryGetValue(LinkName(from, to), out var link) ? link : WanLink.Healthy;

    public WanModel With(string from, string to, WanLink link) =>
        this with { Revision = Revision + 1, Links = Links.SetItem(LinkName(from, to), link) };
}
