using GeoStore.Grains.Registers;

namespace GeoStore.Grains.Storage;

/// <summary>
/// Reads a region's stored registers straight from the register storage, without activating them.
/// It sees what this silo's register storage holds: with Azure Tables the region's whole table;
/// with the in-memory provider only the registers that lived on this silo (in-memory mode with
/// several silos per region sees a part of the region, a known limit of that test-only mode).
/// </summary>
public interface IRegisterStateScanner
{
    /// <summary>Every stored register of <paramref name="keyspace"/> in <paramref name="region"/>, a page at a time, in no particular order.</summary>
    IAsyncEnumerable<StoredRegister> ScanAsync(string region, string keyspace, CancellationToken cancellationToken = default);

    /// <summary>The stored state of one register, or null when nothing is stored for it.</summary>
    Task<RegisterState?> ReadAsync(string region, string keyspace, string key, CancellationToken cancellationToken = default);
}
