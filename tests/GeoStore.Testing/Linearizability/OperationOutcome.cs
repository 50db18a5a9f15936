namespace GeoStore.Testing.Linearizability;

/// <summary>What the client learned about an operation it invoked.</summary>
public enum OperationOutcome
{
    /// <summary>The operation completed; for a read, its value is the value returned.</summary>
    Ok,

    /// <summary>The operation definitely did not take effect (for example, it was rejected before it was sent).</summary>
    Failed,

    /// <summary>
    /// The client does not know: the operation timed out, its quorum was not met, or the client never heard back.
    /// A write may have taken effect at any instant after its invocation, or never; a read constrains nothing.
    /// </summary>
    Indeterminate,
}
