namespace GeoStore.Abstractions.Messages;

public enum WriteStatus
{
    Applied,
    PreconditionFailed,

    /// <summary>A blind write to a MultiValue key would leave more siblings than the keyspace allows.</summary>
    TooManySiblings,

    /// <summary>A CRDT operation does not fit the key's current state (a map field of another type).</summary>
    InvalidOperation,
}
