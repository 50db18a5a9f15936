using System.Diagnostics.CodeAnalysis;

namespace GeoStore.Core.Quorum;

/// <summary>Turns the <c>w</c> and <c>r</c> a request names into replica counts for a keyspace of N replicas.</summary>
public static class QuorumLevels
{
    /// <summary>The query parameter that overrides a write's W.</summary>
    public const string Write = "w";

    /// <summary>The query parameter that overrides a read's R.</summary>
    public const string Read = "r";

    /// <summary>A majority of <paramref name="n"/>: floor(N/2)+1, so any two majorities share a replica.</summary>
    public static int Majority(int n)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        return n / 2 + 1;
    }

    /// <summary>
    /// Resolves the text of the <paramref name="parameter"/> query value (<see cref="Write"/> or
    /// <see cref="Read"/>) against N = <paramref name="n"/>. No text means the keyspace's
    /// <paramref name="policyDefault"/>. On failure <paramref name="error"/> says what is accepted,
    /// e.g. <c>w must be one, quorum, all or a number from 1 to 3; got 'x'</c>.
    /// </summary>
    public static bool Resolve(
        string parameter,
        string? text,
        int n,
        int policyDefault,
        out int count,
        [NotNullWhen(false)] out string? error)
    {
        ArgumentException.ThrowIfNullOrEmpty(parameter);
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);

        if (string.IsNullOrWhiteSpace(text))
        {
            count = policyDefault;
            error = null;
            return true;
        }

        if (ConsistencyLevel.TryParse(text, out var level) && level.CountFor(n) is var resolved && resolved >= 1 && resolved <= n)
        {
            count = resolved;
            error = null;
            return true;
        }

        count = 0;
        error = $"{parameter} must be one, quorum, all or a number from 1 to {n}; got '{Shorten(text)}'";
        return false;
    }

    // Echo enough of a bad value to recognise it without reflecting a whole query string back.
    private static string Shorten(string text) => text.Length <= 32 ? text : string.Concat(text.AsSpan(0, 32), "…");
}
