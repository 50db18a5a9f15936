namespace GeoStore.Testing.Linearizability;

/// <summary>One operation on a single read/write register, as a client saw it.</summary>
/// <param name="Id">Identifies the operation in explanations; the checker does not require ids to be unique or ordered.</param>
/// <param name="Client">The client that invoked it; one client's operations do not overlap in a well-formed history.</param>
/// <param name="Kind">Read or write.</param>
/// <param name="Value">For a write, the value written; for a read, the value it returned (<see langword="null"/> = absent).</param>
/// <param name="Invoked">Timestamp at invocation (<see cref="TimeProvider.GetTimestamp"/> units; only the order matters).</param>
/// <param name="Returned">
/// Timestamp when the client heard back or gave up; <see langword="null"/> if it never did.
/// Required for <see cref="OperationOutcome.Ok"/>; ignored by the checker otherwise.
/// </param>
/// <param name="Outcome">Whether the operation completed, definitely failed, or may or may not have taken effect.</param>
public sealed record RegisterOperation(
    int Id,
    string Client,
    OperationKind Kind,
    string? Value,
    long Invoked,
    long? Returned,
    OperationOutcome Outcome)
{
    /// <inheritdoc />
    public override string ToString()
    {
        var what = Kind == OperationKind.Write ? $"write {Show(Value)}" : $"read {(Outcome == OperationOutcome.Ok ? Show(Value) : "?")}";
        var end = Outcome switch
        {
            OperationOutcome.Ok => $"{Returned}]",
            OperationOutcome.Failed => $"{Returned?.ToString() ?? "∞"}] failed",
            _ => "∞) indeterminate",
        };
        return $"#{Id} {Client} {what} [{Invoked}, {end}";
    }

    internal static string Show(string? value) => value is null ? "absent" : $"'{value}'";
}
