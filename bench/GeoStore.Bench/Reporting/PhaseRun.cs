using GeoStore.Bench.Lag;
using GeoStore.Bench.Load;

namespace GeoStore.Bench.Reporting;

/// <summary>One measured phase in the order it ran: its load, the lag measured during it, and the idle lag right after it.</summary>
public sealed record PhaseRun(int Order, string Condition, LoadResult Load, LagResult LagUnderLoad, LagResult Lag);
