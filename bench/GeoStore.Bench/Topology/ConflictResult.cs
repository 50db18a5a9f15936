namespace GeoStore.Bench.Topology;

/// <summary>
/// Conflicts of one keyspace after replication drained, over <see cref="Writes"/> writes in
/// <see cref="Seconds"/>: as read back from the conflict logs, as counted by the
/// <c>geostore.conflicts</c> metric, and as <see cref="ConflictModel"/> expects at least-time
/// replication. <see cref="Dropped"/> > 0 means a conflict log overflowed during the run (the
/// metric still counts those).
/// </summary>
public sealed record ConflictResult(int Writes, double Seconds, ConflictTally Logged, long Metric, ConflictTally Model, long Dropped)
{
    public double RecordsPerSecond => Seconds > 0 ? Logged.Records / Seconds : double.NaN;

    public double RecordsPer1000Writes => Per1000(Logged.Records);

    public double LosingWritesPer1000Writes => Per1000(Logged.LosingWrites);

    public double ModelRecordsPer1000Writes => Per1000(Model.Records);

    public double OverModel => Model.Records > 0 ? Logged.Records / (double)Model.Records : double.NaN;

    private double Per1000(long count) => Writes > 0 ? 1000.0 * count / Writes : double.NaN;
}
