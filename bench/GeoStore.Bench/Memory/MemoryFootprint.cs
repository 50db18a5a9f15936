using System.Diagnostics;

namespace GeoStore.Bench.Memory;

/// <summary>This process's memory at one moment: the managed heap after a full collection, and the resident set.</summary>
public sealed record MemoryFootprint(long ManagedHeapBytes, long WorkingSetBytes)
{
    public static MemoryFootprint Measure()
    {
        var heap = GC.GetTotalMemory(forceFullCollection: true);
        using var process = Process.GetCurrentProcess();
        return new MemoryFootprint(heap, process.WorkingSet64);
    }
}
