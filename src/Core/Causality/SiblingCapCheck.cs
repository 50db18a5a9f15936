using System.Globalization;

namespace GeoStore.Core.Causality;

/// <summary>
/// The answer of <see cref="SiblingSet.CheckCap"/>: how many siblings a local write would leave,
/// and whether that is within the keyspace's cap. See <see cref="SiblingSet.CheckCap"/> for why
/// the cap is enforced on local writes only.
/// </summary>
public sealed record SiblingCapCheck(int SiblingsAfterWrite, int MaxSiblings)
{
    public bool Allowed => SiblingsAfterWrite <= MaxSiblings;

    /// <summary>Null when <see cref="Allowed"/>; otherwise the message to return to the client.</summary>
    public string? Error => Allowed
        ? null
        : string.Create(
            CultureInfo.InvariantCulture,
            $"This write would leave {SiblingsAfterWrite} siblings on the key, more than the keyspace's limit of {MaxSiblings}.")
            + " Read the key, resolve its siblings, and write back with the causal context from that read: the write then replaces the siblings it saw.";
}
