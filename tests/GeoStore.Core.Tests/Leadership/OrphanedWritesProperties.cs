using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using GeoStore.Core.Leadership;

namespace GeoStore.Core.Tests.Leadership;

/// <summary>
/// Orphan detection over arbitrary failovers: a shared prefix, a zombie tail in the old epoch, and
/// the new leaders' own tail in later epochs over the same sequences.
/// </summary>
public sealed class OrphanedWritesProperties
{
    private static Gen<(LogPosition[] Prefix, LogPosition[] ZombieTail, LogPosition[] NewTail, int OldFrom)> FailoverGen { get; } =
        from prefixLength in Gen.Choose(0, 8)
        from prefixEpochSteps in Gen.Choose(0, 1).ArrayOf(prefixLength)
        from zombieLength in Gen.Choose(0, 6)
        from newLength in Gen.Choose(0, 6)
        from newEpochSteps in Gen.Choose(0, 1).ArrayOf(newLength)
        from oldFrom in Gen.Choose(0, prefixLength)
        select Build(prefixEpochSteps, zombieLength, newEpochSteps, oldFrom);

    private static (LogPosition[], LogPosition[], LogPosition[], int) Build(int[] prefixSteps, int zombieLength, int[] newSteps, int oldFrom)
    {
        var epoch = 1L;
        var prefix = prefixSteps.Select((step, i) => new LogPosition(epoch += step, i + 1)).ToArray();
        var zombieEpoch = epoch;
        var zombie = Enumerable.Range(prefix.Length + 1, zombieLength).Select(s => new LogPosition(zombieEpoch, s)).ToArray();
        var newEpoch = zombieEpoch + 1;
        var newTail = newSteps.Select((step, i) => new LogPosition(newEpoch += step, prefix.Length + 1 + i)).ToArray();
        return (prefix, zombie, newTail, oldFrom);
    }

    [Property(MaxTest = 1000)]
    public Property Orphans_and_received_entries_partition_the_old_log_and_the_orphans_are_exactly_the_zombie_tail() =>
        Prop.ForAll(FailoverGen.ToArbitrary(), Gen.Choose(0, int.MaxValue).ToArbitrary(), (failover, seed) =>
        {
            var (prefix, zombieTail, newTail, oldFrom) = failover;
            var oldLog = prefix.Skip(oldFrom).Concat(zombieTail).ToArray();
            var newLog = prefix.Concat(newTail).ToArray();
            new Random(seed).Shuffle(newLog);

            var split = OrphanedWrites.Split(oldLog, p => p, newLog);

            return split.Received.Concat(split.Orphaned).SequenceEqual(oldLog)
                && !split.Received.Intersect(split.Orphaned).Any()
                && split.Orphaned.SequenceEqual(zombieTail)
                && split.Received.All(newLog.Contains)
                && !split.Orphaned.Any(newLog.Contains);
        });
}
