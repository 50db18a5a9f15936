namespace GeoStore.Grains.Storage;

/// <summary>
/// A grain storage provider that can page through what it holds without activating a grain:
/// whatever walks every key (anti-entropy) reads storage, never the grains, so memory follows the
/// hot set and not the key count.
/// </summary>
public interface IGrainStateScanner
{
    /// <summary>
    /// Every stored state named <paramref name="stateName"/> of the grains whose id
    /// (<see cref="GrainId.ToString"/>, <c>type/key</c>) starts with <paramref name="grainIdPrefix"/>,
    /// in no particular order, a page at a time. States written or cleared during the scan may or
    /// may not be seen.
    /// </summary>
    IAsyncEnumerable<StoredGrainState<T>> ScanAsync<T>(string stateName, string grainIdPrefix, CancellationToken cancellationToken = default);
}
