namespace GeoStore.Core.Keys;

/// <summary>The outcome of <see cref="KeyRules.Check"/>: valid, or why not.</summary>
public readonly record struct KeyCheck(KeyCheckOutcome Outcome, string? Problem)
{
    public static KeyCheck Valid => new(KeyCheckOutcome.Valid, null);
    public static KeyCheck Invalid(string problem) => new(KeyCheckOutcome.Invalid, problem);
    public static KeyCheck TooLarge(string problem) => new(KeyCheckOutcome.TooLarge, problem);
}
