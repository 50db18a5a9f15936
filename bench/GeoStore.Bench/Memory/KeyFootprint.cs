namespace GeoStore.Bench.Memory;

/// <summary>
/// What holding <see cref="Keys"/> keys costs the in-process cluster: every region's replica of
/// each key (an active register grain and its stored state) plus whatever the logs still hold.
/// </summary>
public sealed record KeyFootprint(int Keys, int Replicas, MemoryFootprint Before, MemoryFootprint After)
{
    public long ManagedHeapGrowthBytes => After.ManagedHeapBytes - Before.ManagedHeapBytes;

    public long WorkingSetGrowthBytes => After.WorkingSetBytes - Before.WorkingSetBytes;

    public double ManagedBytesPerKey => Keys == 0 ? 0 : (double)ManagedHeapGrowthBytes / Keys;

    public double ManagedBytesPerReplica => Keys == 0 ? 0 : (double)ManagedHeapGrowthBytes / (Keys * (double)Replicas);

    public double WorkingSetBytesPerKey => Keys == 0 ? 0 : (double)WorkingSetGrowthBytes / Keys;
}
