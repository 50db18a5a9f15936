using GeoStore.Core.Keys;

namespace GeoStore.Api;

/// <summary>Size limits the API enforces before anything reaches a grain (<c>GeoStore:Limits</c>).</summary>
public sealed class ApiLimits
{
    public const string SectionName = "GeoStore:Limits";

    public int MaxKeyBytes { get; set; } = KeyRules.DefaultMaxKeyBytes;

    public int MaxValueBytes { get; set; } = KeyRules.DefaultMaxValueBytes;
}
