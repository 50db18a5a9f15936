namespace GeoStore.Testing.Linearizability;

/// <summary>What a client asked of the register.</summary>
public enum OperationKind
{
    /// <summary>Read the register's value.</summary>
    Read,

    /// <summary>Overwrite the register's value.</summary>
    Write,
}
