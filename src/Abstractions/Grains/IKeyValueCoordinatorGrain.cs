using GeoStore.Abstractions.Messages;

namespace GeoStore.Abstractions.Grains;

/// <summary>
/// Runs one client operation under its keyspace's mode, in the region it was called in.
/// A stateless worker: it activates on the silo that received the call, so an API process
/// connected to its region's gateways enters the grain layer in its own region.
/// </summary>
public interface IKeyValueCoordinatorGrain : IGrainWithIntegerKey
{
    Task<WriteResult> Write(WriteCommand command);

    Task<ReadResult> Read(string keyspace, string key);

    /// <summary>Applies CRDT operations to a key of a Crdt keyspace in the serving region.</summary>
    Task<WriteResult> Update(CrdtCommand command);

    /// <summary>
    /// A read that first waits until the serving replica has applied <see cref="ReadOptions.After"/>;
    /// fails with <see cref="Errors.StaleReadException"/> when it has not within <see cref="ReadOptions.Wait"/>.
    /// </summary>
    Task<ReadResult> Read(string keyspace, string key, ReadOptions options);

    /// <summary>The region of the silo this coordinator runs on.</summary>
    Task<string> GetRegion();

    /// <summary>Every configured region with the silos this silo's membership view sees alive in it.</summary>
    Task<IReadOnlyList<RegionSilos>> GetRegionSilos();
}
