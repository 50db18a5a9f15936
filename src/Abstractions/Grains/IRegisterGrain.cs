using GeoStore.Abstractions.Messages;
using GeoStore.Core.Versioning;

namespace GeoStore.Abstractions.Grains;

/// <summary>One region's replica of one key (grain key <c>region/keyspace/key</c>).</summary>
public interface IRegisterGrain : IRegionScopedGrain
{
    /// <summary>
    /// A local write: checks the condition, versions the write with the region's hybrid clock,
    /// appends it to the region's log (write-ahead), applies it and answers.
    /// </summary>
    Task<WriteResult> Write(WriteCommand command);

    Task<VersionedValue?> Read();

    /// <summary>Merges a version replicated from another region. Idempotent; returns whether it changed the register.</summary>
    Task<bool> ApplyReplicated(VersionedValue value);
}
