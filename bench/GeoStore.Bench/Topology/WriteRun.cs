namespace GeoStore.Bench.Topology;

/// <summary>An open-loop run: every acknowledged write (for the conflict model) and the summary that is reported.</summary>
public sealed record WriteRun(IReadOnlyList<AckedWrite> Writes, WriteRunResult Result);
