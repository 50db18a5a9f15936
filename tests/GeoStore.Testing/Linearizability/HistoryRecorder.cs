namespace GeoStore.Testing.Linearizability;

/// <summary>
/// Records a history of register operations from concurrent clients for <see cref="LinearizabilityChecker"/>.
/// Thread-safe. Call <see cref="Invoke"/> just before sending a request and <see cref="Ok"/>, <see cref="Fail"/>
/// or <see cref="Info"/> just after learning its fate: the recorded interval then contains the real one, and
/// timestamps from one <see cref="TimeProvider"/> order events across threads in real time.
/// </summary>
public sealed class HistoryRecorder(TimeProvider? time = null)
{
    private readonly TimeProvider time = time ?? TimeProvider.System;
    private readonly Lock gate = new();
    private readonly List<RegisterOperation> operations = [];

    /// <summary>Records the invocation of an operation; for a read, <paramref name="value"/> must be <see langword="null"/>.</summary>
    public InvokedOperation Invoke(string client, OperationKind kind, string? value = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(client);
        if (kind == OperationKind.Read && value is not null)
        {
            throw new ArgumentException("A read is invoked without a value; pass the value it returned to Ok.", nameof(value));
        }

        var invoked = time.GetTimestamp();
        lock (gate)
        {
            var id = operations.Count;
            operations.Add(new RegisterOperation(id, client, kind, value, invoked, null, OperationOutcome.Indeterminate));
            return new InvokedOperation(this, id, client, kind, value, invoked);
        }
    }

    /// <summary>Records that the operation completed; for a read, <paramref name="readValue"/> is what it returned.</summary>
    public void Ok(InvokedOperation operation, string? readValue = null)
    {
        ArgumentNullException.ThrowIfNull(operation);
        if (operation.Kind == OperationKind.Write && readValue is not null)
        {
            throw new ArgumentException("A write returns no value.", nameof(readValue));
        }

        Complete(operation, OperationOutcome.Ok, operation.Kind == OperationKind.Read ? readValue : operation.Value);
    }

    /// <summary>Records that the operation definitely did not take effect.</summary>
    public void Fail(InvokedOperation operation) => Complete(operation, OperationOutcome.Failed, operation.Value);

    /// <summary>Records that the operation's fate is unknown (timeout, quorum not met): it may take effect at any later time, or never.</summary>
    public void Info(InvokedOperation operation) => Complete(operation, OperationOutcome.Indeterminate, operation.Value);

    /// <summary>
    /// A copy of the history so far, in invocation order. Operations that were invoked but not yet
    /// completed appear as <see cref="OperationOutcome.Indeterminate"/> with no return time.
    /// </summary>
    public IReadOnlyList<RegisterOperation> History()
    {
        lock (gate)
        {
            return [.. operations];
        }
    }

    private void Complete(InvokedOperation operation, OperationOutcome outcome, string? value)
    {
        ArgumentNullException.ThrowIfNull(operation);
        if (!ReferenceEquals(operation.Recorder, this))
        {
            throw new ArgumentException("The operation was invoked on another recorder.", nameof(operation));
        }

        var returned = time.GetTimestamp();
        lock (gate)
        {
            if (operations[operation.Id].Returned is not null)
            {
                throw new InvalidOperationException($"Operation #{operation.Id} was already completed.");
            }

            operations[operation.Id] = operations[operation.Id] with { Value = value, Returned = returned, Outcome = outcome };
        }
    }
}
