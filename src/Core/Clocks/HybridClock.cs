namespace GeoStore.Core.Clocks;

/// <summary>
/// A hybrid logical clock. Readings are strictly increasing on one clock, never fall behind a
/// reading it has observed from elsewhere, and stay close to physical time.
/// Thread-safe: one instance serves a whole silo.
/// </summary>
public sealed class HybridClock(TimeProvider time)
{
    private readonly Lock _gate = new();
    private HybridTimestamp _last = HybridTimestamp.Zero;

    /// <summary>The latest reading handed out or observed.</summary>
    public HybridTimestamp Last
    {
        get
        {
            lock (_gate)
            {
                return _last;
            }
        }
    }

    /// <summary>A new reading for a local event (a write).</summary>
    public HybridTimestamp Now()
    {
        var physical = time.GetUtcNow().ToUnixTimeMilliseconds();
        lock (_gate)
        {
            _last = physical > _last.WallMs
                ? new HybridTimestamp(physical, 0)
                : _last with { Logical = checked(_last.Logical + 1) };
            return _last;
        }
    }

    /// <summary>
    /// Merges a reading received from elsewhere and returns a new reading that is greater than
    /// both it and every reading this clock handed out before: a causal successor.
    /// </summary>
    public HybridTimestamp Observe(HybridTimestamp remote)
    {
        var physical = time.GetUtcNow().ToUnixTimeMilliseconds();
        lock (_gate)
        {
            var wall = Math.Max(physical, Math.Max(_last.WallMs, remote.WallMs));
            int logical;
            if (wall == _last.WallMs && wall == remote.WallMs)
            {
                logical = checked(Math.Max(_last.Logical, remote.Logical) + 1);
            }
            else if (wall == _last.WallMs)
            {
                logical = checked(_last.Logical + 1);
            }
            else if (wall == remote.WallMs)
            {
                logical = checked(remote.Logical + 1);
            }
            else
            {
                logical = 0;
            }

            _last = new HybridTimestamp(wall, logical);
            return _last;
        }
    }
}
