namespace GeoStore.Testing;

/// <summary>A wall clock that runs a fixed offset from the real one, as a badly synchronised region's would.</summary>
public sealed class SkewedTimeProvider(TimeSpan offset) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + offset;
}
