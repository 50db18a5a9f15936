using GeoStore.Core.Versioning;

namespace GeoStore.Abstractions.Errors;

/// <summary>
/// A read asked to see a write (its session token) and the serving region had not applied it within
/// the time the client allowed. Retryable: the write is on its way, or the link to its region is cut.
/// </summary>
[GenerateSerializer]
public sealed class StaleReadException : Exception
{
    public StaleReadException(string region, WriteVersion awaited, TimeSpan waited)
        : base($"Region '{region}' has not applied write {awaited} after waiting {waited.TotalMilliseconds:0} ms.")
    {
        Region = region;
        Awaited = awaited;
        Waited = waited;
    }

    [Id(0)]
    public string Region { get; }

    [Id(1)]
    public WriteVersion Awaited { get; }

    [Id(2)]
    public TimeSpan Waited { get; }
}
