namespace GeoStore.Testing.Linearizability;

/// <summary>
/// An operation a <see cref="HistoryRecorder"/> has seen invoked; hand it back to
/// <see cref="HistoryRecorder.Ok"/>, <see cref="HistoryRecorder.Fail"/> or <see cref="HistoryRecorder.Info"/> once.
/// </summary>
public sealed class InvokedOperation
{
    internal InvokedOperation(HistoryRecorder recorder, int id, string client, OperationKind kind, string? value, long invoked)
    {
        Recorder = recorder;
        Id = id;
        Client = client;
        Kind = kind;
        Value = value;
        Invoked = invoked;
    }

    internal HistoryRecorder Recorder { get; }

    /// <summary>The operation's id in the recorder's history.</summary>
    public int Id { get; }

    /// <summary>The client that invoked it.</summary>
    public string Client { get; }

    /// <summary>Read or write.</summary>
    public OperationKind Kind { get; }

    /// <summary>The value being written; <see langword="null"/> for a read.</summary>
    public string? Value { get; }

    /// <summary>Timestamp at invocation.</summary>
    public long Invoked { get; }
}
