using GeoStore.Core.Regions;
using Microsoft.Extensions.Options;

namespace GeoStore.Abstractions.Options;

/// <summary>Fails start-up with a clear message when the <c>GeoStore</c> section does not make sense.</summary>
public sealed class GeoStoreOptionsValidator : IValidateOptions<GeoStoreOptions>
{
    public ValidateOptionsResult Validate(string? name, GeoStoreOptions options)
    {
        var failures = new List<string>();
        if (RegionNames.Validate(options.Region) is { } region)
        {
            failures.Add($"GeoStore:Region: {region}");
        }

        if (options.RegionList.Count == 0)
        {
            failures.Add("GeoStore:Regions must list every region of the geo-cluster, comma separated.");
        }

        failures.AddRange(options.RegionList.Select(RegionNames.Validate).OfType<string>().Select(p => $"GeoStore:Regions: {p}"));

        if (options.RegionList.Count > 0 && !options.RegionList.Contains(options.Region, StringComparer.Ordinal))
        {
            failures.Add($"GeoStore:Regions ({options.Regions}) must include GeoStore:Region ({options.Region}).");
        }

        if (options.LogShards is < 1 or > 1024)
        {
            failures.Add($"GeoStore:LogShards must be between 1 and 1024; got {options.LogShards}.");
        }

        if (options.ReplicationBatchSize is < 1 or > 10_000)
        {
            failures.Add($"GeoStore:ReplicationBatchSize must be between 1 and 10000; got {options.ReplicationBatchSize}.");
        }

        if (options.ReplicationWindow is < 1 or > 64)
        {
            failures.Add($"GeoStore:ReplicationWindow must be between 1 and 64; got {options.ReplicationWindow}.");
        }

        if (options.CrossRegionTimeout <= TimeSpan.Zero)
        {
            failures.Add("GeoStore:CrossRegionTimeout must be positive.");
        }

        // Below the API's Orleans response timeout (10 s), so a slow quorum answers quorum-not-met, not a timeout.
        if (options.QuorumTimeout <= TimeSpan.Zero || options.QuorumTimeout > TimeSpan.FromSeconds(8))
        {
            failures.Add($"GeoStore:QuorumTimeout must be positive and at most 8 seconds; got {options.QuorumTimeout}.");
        }

        if (options.LeaderAckTimeout <= TimeSpan.Zero || options.LeaderAckTimeout > TimeSpan.FromSeconds(8))
        {
            failures.Add($"GeoStore:LeaderAckTimeout must be positive and at most 8 seconds; got {options.LeaderAckTimeout}.");
        }

        if (options.FailoverPromiseLifetime < TimeSpan.FromSeconds(3) || options.FailoverPromiseLifetime > TimeSpan.FromMinutes(10))
        {
            failures.Add($"GeoStore:FailoverPromiseLifetime must be between 3 seconds and 10 minutes; got {options.FailoverPromiseLifetime}.");
        }

        if (options.AntiEntropyInterval <= TimeSpan.Zero)
        {
            failures.Add($"GeoStore:AntiEntropyInterval must be positive; got {options.AntiEntropyInterval}.");
        }

        if (options.TombstoneGrace <= TimeSpan.Zero)
        {
            failures.Add($"GeoStore:TombstoneGrace must be positive; got {options.TombstoneGrace}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
