using GeoStore.Testing.Linearizability;

namespace GeoStore.Cluster.Tests.Linearizability;

/// <summary>Hand-written register operations for small histories; times are plain ticks.</summary>
internal static class Op
{
    private static int nextId;

    public static RegisterOperation Write(string client, string? value, long invoked, long returned) =>
        new(Interlocked.Increment(ref nextId), client, OperationKind.Write, value, invoked, returned, OperationOutcome.Ok);

    public static RegisterOperation Read(string client, string? value, long invoked, long returned) =>
        new(Interlocked.Increment(ref nextId), client, OperationKind.Read, value, invoked, returned, OperationOutcome.Ok);

    /// <summary>A write whose client gave up at <paramref name="gaveUp"/> without learning whether it was applied.</summary>
    public static RegisterOperation IndeterminateWrite(string client, string? value, long invoked, long gaveUp) =>
        new(Interlocked.Increment(ref nextId), client, OperationKind.Write, value, invoked, gaveUp, OperationOutcome.Indeterminate);

    public static RegisterOperation FailedWrite(string client, string? value, long invoked, long returned) =>
        new(Interlocked.Increment(ref nextId), client, OperationKind.Write, value, invoked, returned, OperationOutcome.Failed);

    public static RegisterOperation IndeterminateRead(string client, string? value, long invoked, long gaveUp) =>
        new(Interlocked.Increment(ref nextId), client, OperationKind.Read, value, invoked, gaveUp, OperationOutcome.Indeterminate);
}
