using System.Globalization;

namespace GeoStore.Core.Leadership;

/// <summary>
/// The outcome of a <see cref="Fencing.Check"/>: the <see cref="Verdict"/> and the epoch the replica
/// holds afterwards (<see cref="Current"/>), which a rejection names in its 409 <c>fenced</c> problem.
/// </summary>
/// <param name="Verdict">Whether the message may be processed.</param>
/// <param name="Current">The replica's epoch after the check: the carried one when learned, the known one otherwise.</param>
/// <param name="Carried">The epoch the message carried.</param>
[GenerateSerializer, Immutable]
public sealed record FencingDecision(
    [property: Id(0)] FencingVerdict Verdict,
    [property: Id(1)] LeaderEpoch Current,
    [property: Id(2)] LeaderEpoch Carried)
{
    /// <summary>True when the message may be processed (after adopting <see cref="Current"/> when learned).</summary>
    public bool IsAccepted => Verdict is FencingVerdict.Accept or FencingVerdict.LearnNewer;

    /// <summary>True when the replica must durably store <see cref="Current"/> before processing.</summary>
    public bool MustAdopt => Verdict == FencingVerdict.LearnNewer;

    /// <summary>
    /// Why the message was rejected, naming the current epoch and leader, e.g. <c>epoch 2 (us-east)
    /// is fenced: the current epoch is 3 and its leader is eu-west.</c>; null when accepted.
    /// </summary>
    public string? Problem => Verdict switch
    {
        FencingVerdict.RejectStale => string.Create(
            CultureInfo.InvariantCulture,
            $"{Carried} is fenced: the current epoch is {Current.Number} and its leader is {Current.Leader}."),
        FencingVerdict.RejectConflicting => string.Create(
            CultureInfo.InvariantCulture,
            $"{Carried} conflicts with {Current}: two leaders claim epoch {Current.Number}; the current leader is {Current.Leader}."),
        _ => null,
    };
}
