namespace GeoStore.Abstractions.Messages;

/// <summary>
/// How far an inbox has applied its origin's shard (<paramref name="AppliedThrough"/>), where that
/// shard ended when the origin last sent anything (<paramref name="OriginLast"/>), and how long ago
/// that was (<paramref name="MillisecondsSinceContact"/>; null when nothing arrived in this activation).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record InboxProgress(
    [property: Id(0)] long AppliedThrough,
    [property: Id(1)] long OriginLast,
    [property: Id(2)] long? MillisecondsSinceContact)
{
    public long EntriesBehind => Math.Max(0, OriginLast - AppliedThrough);
}
