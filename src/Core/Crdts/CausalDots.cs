using System.Collections.Immutable;
using GeoStore.Core.Causality;

namespace GeoStore.Core.Crdts;

/// <summary>
/// The join of two dot-tagged collections with their causal contexts (the ORSWOT merge): an entry
/// both sides hold stays; an entry only one side holds stays unless the other side's context covers
/// its dot, because then the other side saw it and removed it.
/// </summary>
internal static class CausalDots
{
    public static ImmutableArray<T> Merge<T>(
        ImmutableArray<T> a, VersionVector contextA, ImmutableArray<T> b, VersionVector contextB, Func<T, Dot> dotOf)
    {
        var result = ImmutableArray.CreateBuilder<T>(a.Length + b.Length);
        int i = 0, j = 0;
        while (i < a.Length || j < b.Length)
        {
            var order = i == a.Length ? 1 : j == b.Length ? -1 : dotOf(a[i]).CompareTo(dotOf(b[j]));
            if (order == 0)
            {
                // One dot names one event, so both sides hold the same payload.
                result.Add(a[i]);
                i++;
                j++;
            }
            else if (order < 0)
            {
                if (!contextB.Covers(dotOf(a[i])))
                {
                    result.Add(a[i]);
                }

                i++;
            }
            else
            {
                if (!contextA.Covers(dotOf(b[j])))
                {
                    result.Add(b[j]);
                }

                j++;
            }
        }

        return result.DrainToImmutable();
    }

    public static ImmutableArray<Dot> Merge(ImmutableArray<Dot> a, VersionVector contextA, ImmutableArray<Dot> b, VersionVector contextB) =>
        Merge(a, contextA, b, contextB, static d => d);
}
