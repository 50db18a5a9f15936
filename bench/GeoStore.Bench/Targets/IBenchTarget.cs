namespace GeoStore.Bench.Targets;

/// <summary>
/// A running geo-cluster the benchmark drives: PUT and GET entering in a chosen region, the
/// simulated WAN, and a way to tell that replication has caught up. Regions are addressed by
/// their index in <see cref="Regions"/>.
/// </summary>
public interface IBenchTarget : IAsyncDisposable
{
    /// <summary>What is being measured, for the report header.</summary>
    string Description { get; }

    IReadOnlyList<string> Regions { get; }

    /// <summary>How often the lag probe polls the far region: as tight as the transport allows.</summary>
    TimeSpan LagPollInterval { get; }

    /// <summary>Whether <see cref="SetWanLatencyAsync"/> and <see cref="WaitUntilReplicatedAsync"/> can work (over HTTP they need the admin token).</summary>
    bool CanControlWan { get; }

    Task PutAsync(int region, string key, byte[] value, CancellationToken cancellationToken);

    /// <summary>The value as <paramref name="region"/> serves it, or null when the key is absent there.</summary>
    Task<byte[]?> GetAsync(int region, string key, CancellationToken cancellationToken);

    /// <summary>Sets the same one-way latency on every directed link and returns once the silos use it.</summary>
    Task SetWanLatencyAsync(int latencyMs, CancellationToken cancellationToken);

    /// <summary>Waits until no region's log has entries a peer has not acknowledged.</summary>
    Task WaitUntilReplicatedAsync(TimeSpan deadline, CancellationToken cancellationToken);
}
