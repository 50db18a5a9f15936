namespace GeoStore.Core.Replication;

/// <summary>What <see cref="InboundCursor.Plan"/> decided: entries to apply in order, and the position after them.</summary>
public sealed record InboundPlan(IReadOnlyList<LogEntry> ToApply, InboundPosition Position, bool Gap);
