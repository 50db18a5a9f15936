namespace GeoStore.Testing.Linearizability;

/// <summary>
/// Decides whether a history of one read/write register is linearizable: whether its operations can be
/// put in one total order that respects real time (an operation that returned before another was invoked
/// comes first) and in which every read returns the value of the latest write before it.
/// </summary>
/// <remarks>
/// The Wing–Gong search with Lowe's memoisation, as in Knossos' "linear" checker and porcupine: calls and
/// returns are walked in time order (the entry list); the search linearizes a pending call when the register
/// allows it, backtracks when it meets the return of an operation it has not linearized, and never revisits
/// a (set of linearized operations, register value) state. Failed operations and reads with an indeterminate
/// outcome are dropped; an indeterminate write gets a return at +∞, so it may take effect at any instant
/// after its invocation, or never.
/// </remarks>
public static class LinearizabilityChecker
{
    /// <summary>The default search budget: states memoised before the answer is <see cref="LinearizabilityVerdict.Unknown"/>.</summary>
    public const int DefaultMaxStates = 1_000_000;

    /// <summary>Checks <paramref name="history"/> against a register that starts at <paramref name="initialValue"/>.</summary>
    /// <param name="history">The operations, in any order.</param>
    /// <param name="initialValue">The register's value before any operation (<see langword="null"/> = absent).</param>
    /// <param name="maxStates">Search budget; when the search would memoise more states, the verdict is <see cref="LinearizabilityVerdict.Unknown"/>.</param>
    /// <exception cref="ArgumentException">A completed operation has no return time or returned before it was invoked.</exception>
    public static LinearizabilityResult Check(IReadOnlyList<RegisterOperation> history, string? initialValue = null, int maxStates = DefaultMaxStates)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxStates);
        var relevant = new List<RegisterOperation>(history.Count);
        foreach (var operation in history)
        {
            if (operation.Outcome == OperationOutcome.Ok)
            {
                if (operation.Returned is not { } returned || returned < operation.Invoked)
                {
                    throw new ArgumentException($"Completed operation {operation} needs a return time no earlier than its invocation.", nameof(history));
                }

                relevant.Add(operation);
            }
            else if (operation.Outcome == OperationOutcome.Indeterminate && operation.Kind == OperationKind.Write)
            {
                relevant.Add(operation);
            }
        }

        return new RegisterSearch(relevant, initialValue, maxStates).Run();
    }
}
