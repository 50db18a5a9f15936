using System.Collections.Immutable;

namespace GeoStore.Core.Causality;

/// <summary>
/// The outcome of <see cref="SiblingSet.Update"/>: the new set, the dot the write got, and the
/// siblings it replaced because the writer's context had seen them.
/// </summary>
/// <remarks>
/// There is deliberately no context to hand back to the writer. The seen context plus the new dot,
/// as a version vector, would also cover older siblings of the same region that the write kept
/// beside it without the client having seen them; a client that wants to write again reads first.
/// </remarks>
public sealed record SiblingUpdate(SiblingSet Result, Dot Dot, ImmutableArray<Sibling> Replaced);
