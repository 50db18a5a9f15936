using System.Runtime.CompilerServices;
using GeoStore.Grains.Registers;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace GeoStore.Grains.Storage;

/// <summary>
/// The register scanner over whichever provider stores registers (<see cref="GeoStoreStorage.Registers"/>):
/// it scans by grain-id prefix <c>register/{region}/{keyspace}/</c> and reads single registers with
/// the provider's own read, so no register is activated either way.
/// </summary>
public sealed class RegisterStateScanner([FromKeyedServices(GeoStoreStorage.Registers)] IGrainStorage storage) : IRegisterStateScanner
{
    /// <summary>The id prefix of every register of <paramref name="keyspace"/> in <paramref name="region"/>.</summary>
    public static string GrainIdPrefix(string region, string keyspace) =>
        $"{RegisterKey.GrainType}/{RegisterKey.Format(region, keyspace, string.Empty)}";

    public async IAsyncEnumerable<StoredRegister> ScanAsync(string region, string keyspace, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(region);
        ArgumentException.ThrowIfNullOrEmpty(keyspace);
        if (storage is not IGrainStateScanner scanner)
        {
            throw new NotSupportedException($"The register storage ({storage.GetType().Name}) cannot be scanned, so anti-entropy cannot run on it.");
        }

        var prefix = GrainIdPrefix(region, keyspace);
        await foreach (var stored in scanner.ScanAsync<RegisterState>(RegisterState.StateName, prefix, cancellationToken))
        {
            if (stored.State is not null && stored.GrainId.StartsWith(prefix, StringComparison.Ordinal) && stored.GrainId.Length > prefix.Length)
            {
                yield return new StoredRegister(stored.GrainId[prefix.Length..], stored.State);
            }
        }
    }

    public async Task<RegisterState?> ReadAsync(string region, string keyspace, string key, CancellationToken cancellationToken = default)
    {
        var state = new ScannedState();
        await storage.ReadStateAsync(RegisterState.StateName, GrainId.Create(RegisterKey.GrainType, RegisterKey.Format(region, keyspace, key)), state);
        return state.RecordExists ? state.State : null;
    }

    private sealed class ScannedState : IGrainState<RegisterState>
    {
        [System.Diagnostics.CodeAnalysis.AllowNull]
        public RegisterState State { get; set; } = new();

        public string? ETag { get; set; }

        public bool RecordExists { get; set; }
    }
}
