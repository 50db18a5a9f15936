namespace GeoStore.Abstractions.Grains;

/// <summary>
/// Runs a region's anti-entropy on a schedule (grain key: the region): every
/// <see cref="Options.GeoStoreOptions.AntiEntropyInterval"/>, one round for each Leaderless keyspace
/// the region replicates. Every silo touches it about once a second, so it comes back on a live
/// silo of its region soon after its own silo dies.
/// </summary>
public interface IAntiEntropySchedulerGrain : IRegionScopedGrain
{
    /// <summary>Activates the schedule if it is not running; returns at once.</summary>
    Task Start();
}
