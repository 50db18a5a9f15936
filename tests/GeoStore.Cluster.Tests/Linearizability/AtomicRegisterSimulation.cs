using GeoStore.Testing.Linearizability;

namespace GeoStore.Cluster.Tests.Linearizability;

/// <summary>
/// Histories of a register that is atomic by construction: each client runs operations one after another
/// with random durations and gaps, and every operation that takes effect does so at one random instant
/// inside its interval (an indeterminate write at a random instant after its invocation, or never; a failed
/// write never). Applying those instants in order gives every read its value.
/// </summary>
internal static class AtomicRegisterSimulation
{
    /// <summary>
    /// Two completed writes by a setup client open the history and an auditor's read closes it, so every
    /// history has a read with a value overwritten before it began (<see cref="WithStaleRead"/>).
    /// </summary>
    public static List<RegisterOperation> Run(int seed, int clients, int operationsPerClient, int maxDuration = 20)
    {
        var random = new Random(seed);
        var planned = new List<(RegisterOperation Operation, double? Instant)>
        {
            (new RegisterOperation(0, "setup", OperationKind.Write, "setup-0", 0, 1, OperationOutcome.Ok), 0.5),
            (new RegisterOperation(1, "setup", OperationKind.Write, "setup-1", 2, 3, OperationOutcome.Ok), 2.5),
        };

        long end = 0;
        for (var c = 0; c < clients; c++)
        {
            var client = $"c{c}";
            long time = 4 + random.Next(6);
            for (var k = 0; k < operationsPerClient; k++)
            {
                var invoked = time;
                var returned = invoked + 1 + random.Next(maxDuration);
                var write = random.NextDouble() < 0.4;
                var roll = random.NextDouble();
                var outcome = roll < 0.85 ? OperationOutcome.Ok : roll < 0.95 ? OperationOutcome.Indeterminate : OperationOutcome.Failed;
                double? instant = outcome switch
                {
                    OperationOutcome.Ok => invoked + (random.NextDouble() * (returned - invoked)),
                    OperationOutcome.Indeterminate when write && random.Next(2) == 0 => invoked + (random.NextDouble() * 5 * maxDuration),
                    _ => null,
                };
                var value = write ? $"{client}-{k}" : "never-returned";
                planned.Add((new RegisterOperation(planned.Count, client, write ? OperationKind.Write : OperationKind.Read, value, invoked, returned, outcome), instant));
                end = Math.Max(end, Math.Max(returned, (long)Math.Ceiling(instant ?? 0)));
                time = returned + random.Next(6);
            }
        }

        planned.Add((new RegisterOperation(planned.Count, "auditor", OperationKind.Read, null, end + 1, end + 2, OperationOutcome.Ok), end + 1.5));

        string? register = null;
        var history = planned.Select(p => p.Operation).ToList();
        foreach (var (operation, _) in planned.Where(p => p.Instant is not null).OrderBy(p => p.Instant))
        {
            if (operation.Kind == OperationKind.Write)
            {
                register = operation.Value;
            }
            else
            {
                history[operation.Id] = operation with { Value = register };
            }
        }

        return history;
    }

    /// <summary>
    /// The history with one completed read changed to return a value that a completed write overwrote before
    /// the read was invoked: write a, then write b, then the read, in real time. No linearization allows it.
    /// </summary>
    public static (List<RegisterOperation> History, string Change) WithStaleRead(List<RegisterOperation> history, int seed)
    {
        var random = new Random(seed);
        var completedWrites = history.Where(o => o is { Kind: OperationKind.Write, Outcome: OperationOutcome.Ok }).ToList();
        var stale = (
            from read in history
            where read is { Kind: OperationKind.Read, Outcome: OperationOutcome.Ok }
            from overwritten in completedWrites
            where completedWrites.Any(w => overwritten.Returned < w.Invoked && w.Returned < read.Invoked)
            select (read, overwritten)).ToList();
        var (victim, old) = stale[random.Next(stale.Count)];
        var changed = history.ToList();
        changed[victim.Id] = victim with { Value = old.Value };
        return (changed, $"{victim} now returns {old.Value}, written by {old}");
    }
}
