namespace GeoStore.Api.Tests;

/// <summary>
/// Counts reads and writes entering the grain layer (the coordinator, which every API request
/// for data goes through), to prove that bad input never reaches a grain.
/// </summary>
public sealed class GrainCallCounter : IIncomingGrainCallFilter
{
    private static long s_calls;

    public static long Calls => Interlocked.Read(ref s_calls);

    public Task Invoke(IIncomingGrainCallContext context)
    {
        if (context.InterfaceName.Contains("KeyValueCoordinator", StringComparison.Ordinal) && context.MethodName is "Write" or "Read")
        {
            Interlocked.Increment(ref s_calls);
        }

        return context.Invoke();
    }
}
