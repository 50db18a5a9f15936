using GeoStore.Core.Versioning;

namespace GeoStore.Grains.Registers;

/// <summary>The stored state of one key's replica: the winning version, possibly a tombstone.</summary>
[GenerateSerializer]
public sealed class RegisterState
{
    [Id(0)]
    public VersionedValue? Current { get; set; }
}
