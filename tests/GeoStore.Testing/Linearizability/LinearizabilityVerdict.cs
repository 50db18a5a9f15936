namespace GeoStore.Testing.Linearizability;

/// <summary>The answer of <see cref="LinearizabilityChecker.Check"/>.</summary>
public enum LinearizabilityVerdict
{
    /// <summary>Some total order of the operations respects real time and the register's sequential behaviour.</summary>
    Linearizable,

    /// <summary>The whole search space was explored and no such order exists.</summary>
    NotLinearizable,

    /// <summary>The search budget ran out before either answer was proven.</summary>
    Unknown,
}
