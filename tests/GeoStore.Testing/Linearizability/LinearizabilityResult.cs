using System.Text;

namespace GeoStore.Testing.Linearizability;

/// <summary>What <see cref="LinearizabilityChecker.Check"/> found, with enough detail to explain a violation.</summary>
public sealed class LinearizabilityResult
{
    internal LinearizabilityResult(
        LinearizabilityVerdict verdict,
        long statesExplored,
        int maxStates,
        IReadOnlyList<RegisterOperation> linearization,
        string? valueAfterLinearization,
        RegisterOperation? blocked,
        IReadOnlyList<RegisterOperation> candidates)
    {
        Verdict = verdict;
        StatesExplored = statesExplored;
        MaxStates = maxStates;
        Linearization = linearization;
        ValueAfterLinearization = valueAfterLinearization;
        Blocked = blocked;
        Candidates = candidates;
    }

    /// <summary>Linearizable, not linearizable, or unknown because the search budget ran out.</summary>
    public LinearizabilityVerdict Verdict { get; }

    /// <summary><see langword="true"/> only when a linearization was found; <see langword="false"/> for both other verdicts.</summary>
    public bool IsLinearizable => Verdict == LinearizabilityVerdict.Linearizable;

    /// <summary>Distinct (linearized set, register value) states the search memoised.</summary>
    public long StatesExplored { get; }

    /// <summary>The budget of states the search was given.</summary>
    public int MaxStates { get; }

    /// <summary>
    /// When linearizable, a witness: every completed operation, and the indeterminate writes it needed, in
    /// linearization order (indeterminate writes left out never took effect). Otherwise the longest
    /// linearizable prefix the search reached (for <see cref="LinearizabilityVerdict.Unknown"/>, so far).
    /// </summary>
    public IReadOnlyList<RegisterOperation> Linearization { get; }

    /// <summary>The register's value after <see cref="Linearization"/>.</summary>
    public string? ValueAfterLinearization { get; }

    /// <summary>
    /// When not linearizable: an operation that returned before it could be placed after <see cref="Linearization"/>,
    /// because neither it nor any operation that could precede it is consistent with the register's value.
    /// </summary>
    public RegisterOperation? Blocked { get; }

    /// <summary>The operations that could have come next after <see cref="Linearization"/> in real time; each was tried.</summary>
    public IReadOnlyList<RegisterOperation> Candidates { get; }

    /// <summary>A few lines for a test failure message.</summary>
    public string Explanation
    {
        get
        {
            var text = new StringBuilder();
            switch (Verdict)
            {
                case LinearizabilityVerdict.Linearizable:
                    text.Append($"Linearizable ({Linearization.Count} operations placed, {StatesExplored} states explored).");
                    return text.ToString();
                case LinearizabilityVerdict.Unknown:
                    text.Append($"Unknown: the search budget of {MaxStates} states ran out; the longest linearizable prefix so far has {Linearization.Count} operations.");
                    return text.ToString();
            }

            text.Append($"Not linearizable ({StatesExplored} states explored). The longest linearizable prefix has {Linearization.Count} operations");
            var tail = Linearization.Skip(Math.Max(0, Linearization.Count - 5)).ToList();
            text.Append(tail.Count < Linearization.Count ? ", ending " : ": ");
            text.AppendJoin("; ", tail);
            text.Append($". After it the register holds {RegisterOperation.Show(ValueAfterLinearization)}");
            if (Blocked is not null)
            {
                text.Append($"; {Blocked} must be placed before its return, but every operation that could come next");
                text.Append($" ([{string.Join("; ", Candidates)}]) is illegal there or leads to a dead end");
            }

            return text.Append('.').ToString();
        }
    }

    /// <inheritdoc />
    public override string ToString() => Explanation;
}
