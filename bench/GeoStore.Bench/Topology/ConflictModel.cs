namespace GeoStore.Bench.Topology;

/// <summary>
/// The conflicts a run would have had if every entry had reached every region in exactly its
/// least time (the sum of one-way latencies along its route): the run's own acknowledged writes
/// replayed, in the regions they were written in at the times they were acknowledged, through the
/// single-value merge (a replica keeps one version and the writes it has seen per origin; an
/// incoming write it has not seen and that did not see its version is concurrent, and the lower
/// version is logged as the loser). Conflicts measured above this are what extra lag costs.
/// </summary>
public static class ConflictModel
{
    /// <param name="leastLatencyMs">The least time (ms) an entry written in the first region takes to reach the second.</param>
    public static ConflictTally Replay(IReadOnlyList<AckedWrite> writes, int regions, Func<int, int, double> leastLatencyMs)
    {
        var replicas = new Dictionary<(int Region, int Key), Replica>();
        var events = new PriorityQueue<Arrival, (double At, long Order)>();
        long order = 0;
        foreach (var write in writes)
        {
            events.Enqueue(new Arrival(write.Origin, write.Key, new Version(write.AckedAtMs, write.Origin, write.Index), null), (write.AckedAtMs, order++));
        }

        long records = 0;
        var losers = new HashSet<(int Key, Version Version)>();
        while (events.TryDequeue(out var arrival, out var at))
        {
            if (!replicas.TryGetValue((arrival.Region, arrival.Key), out var replica))
            {
                replicas[(arrival.Region, arrival.Key)] = replica = new Replica(regions);
            }

            if (arrival.Seen is null)
            {
                // A local write has seen what its replica holds: it overwrites, never conflicts.
                replica.Seen[arrival.Region] = Math.Max(replica.Seen[arrival.Region], arrival.Version.At);
                replica.Current = arrival.Version;
                var seen = (double[])replica.Seen.Clone();
                for (var target = 0; target < regions; target++)
                {
                    if (target != arrival.Region)
                    {
                        var reaches = at.At + leastLatencyMs(arrival.Region, target);
                        events.Enqueue(arrival with { Region = target, Seen = seen }, (reaches, order++));
                    }
                }

                continue;
            }

            var incoming = arrival.Version;
            var covered = replica.Seen[incoming.Origin] >= incoming.At;
            var current = replica.Current;
            for (var r = 0; r < regions; r++)
            {
                replica.Seen[r] = Math.Max(replica.Seen[r], arrival.Seen[r]);
            }

            if (covered)
            {
                continue;
            }

            if (current is null || arrival.Seen[current.Value.Origin] >= current.Value.At)
            {
                replica.Current = incoming;
                continue;
            }

            var survivor = current.Value.CompareTo(incoming) >= 0 ? current.Value : incoming;
            var loser = survivor == incoming ? current.Value : incoming;
            replica.Current = survivor;
            records++;
            losers.Add((arrival.Key, loser));
        }

        return new ConflictTally(records, losers.Count);
    }

    /// <summary>A write's version: acknowledgement time, then origin region, then schedule index as tie-breaks.</summary>
    private readonly record struct Version(double At, int Origin, int Index) : IComparable<Version>
    {
        public int CompareTo(Version other) =>
            At != other.At ? At.CompareTo(other.At) : Origin != other.Origin ? Origin.CompareTo(other.Origin) : Index.CompareTo(other.Index);
    }

    /// <summary>A write reaching <see cref="Region"/>; <see cref="Seen"/> is null for the write in its origin.</summary>
    private sealed record Arrival(int Region, int Key, Version Version, double[]? Seen);

    private sealed class Replica(int regions)
    {
        public Version? Current { get; set; }

        /// <summary>Per origin region, the newest write of this key seen from it.</summary>
        public double[] Seen { get; } = Enumerable.Repeat(double.NegativeInfinity, regions).ToArray();
    }
}
