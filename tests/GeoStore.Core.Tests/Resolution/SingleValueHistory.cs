using FsCheck;
using FsCheck.Fluent;
using GeoStore.Core.Clocks;
using GeoStore.Core.Resolution;
using GeoStore.Core.Versioning;

namespace GeoStore.Core.Tests.Resolution;

/// <summary>
/// A simulated single-value key at three regions. A local write takes a timestamp above every one
/// its replica has seen (concurrent writes from the same past tie on time, broken by region), and
/// is shipped to the other regions as (value, seen). Entries are delivered late, out of order and
/// twice, also back to their origin. It records every write and every merge a replica made.
/// </summary>
internal sealed class SingleValueHistory
{
    public static readonly string[] Regions = ["us-east", "eu-west", "ap-south"];

    private readonly SingleValueState[] _replicas = [SingleValueState.Empty, SingleValueState.Empty, SingleValueState.Empty];
    private readonly HybridTimestamp[] _lastWrite = new HybridTimestamp[Regions.Length];
    private readonly List<(int To, Write Write)> _inFlight = [];
    private readonly Dictionary<WriteVersion, Write> _byVersion = [];
    private readonly ConcurrentChoice _choose;

    private SingleValueHistory(ConcurrentChoice choose) => _choose = choose;

    public enum StepKind
    {
        Write,
        Delete,
        Deliver,
        Duplicate,
    }

    /// <summary>One step; <paramref name="Pick"/> chooses the timestamp's shape, an in-flight entry or a write to repeat.</summary>
    public sealed record Step(StepKind Kind, int Region, byte Value, int Pick);

    /// <summary>One write: its value and what its writer had seen, itself included (what travels as the entry's seen).</summary>
    public sealed record Write(VersionedValue Value, TimestampVector Seen)
    {
        public WriteVersion Version => Value.Version;

        /// <summary>True when this write's writer had seen <paramref name="other"/>: it follows it causally.</summary>
        public bool Follows(Write other) => !ReferenceEquals(this, other) && Seen.Covers(other.Version);

        public override string ToString() => $"{Version}={(Value.IsTombstone ? "tombstone" : Value.Value![0].ToString())} seen [{Seen}]";
    }

    /// <summary>One merge at replica <paramref name="Replica"/>: the state before, the entry, and the outcome.</summary>
    public sealed record MergeRecord(int Replica, SingleValueState Before, Write Incoming, SingleValueOutcome Outcome);

    public static Gen<Step> Steps { get; } =
        from kind in Gen.Frequency(
            (4, Gen.Constant(StepKind.Write)),
            (1, Gen.Constant(StepKind.Delete)),
            (6, Gen.Constant(StepKind.Deliver)),
            (1, Gen.Constant(StepKind.Duplicate)))
        from region in Gen.Choose(0, Regions.Length - 1)
        from value in Gen.Choose(0, 3)
        from pick in Gen.Choose(0, 1_000)
        select new Step(kind, region, (byte)value, pick);

    public static Gen<List<Step>> Histories { get; } = Gen.ListOf(Steps).Select(steps => steps.ToList());

    public IReadOnlyList<SingleValueState> Replicas => _replicas;

    public List<Write> Writes { get; } = [];

    public List<MergeRecord> Merges { get; } = [];

    /// <summary>Merges whose entry, merged a second time, changed the state again or reported a loser.</summary>
    public List<string> NotIdempotent { get; } = [];

    /// <summary>States in which a replica held a value while it knew of a write that followed that value.</summary>
    public List<string> HeldSuperseded { get; } = [];

    public static SingleValueHistory Run(IEnumerable<Step> steps, ConcurrentChoice choose)
    {
        var history = new SingleValueHistory(choose);
        foreach (var step in steps)
        {
            history.Apply(step);
        }

        return history;
    }

    public Write WriteOf(VersionedValue value) => _byVersion[value.Version];

    /// <summary>Delivers every write to every replica, after what is still in flight, in a random order with duplicates.</summary>
    public void DeliverEverything(Random random)
    {
        for (var to = 0; to < _replicas.Length; to++)
        {
            var deliveries = _inFlight.Where(e => e.To == to).Select(e => e.Write)
                .Concat(Writes)
                .Concat(Writes.Where(_ => random.Next(3) == 0))
                .ToArray();
            random.Shuffle(deliveries);
            foreach (var write in deliveries)
            {
                Deliver(to, write);
            }
        }

        _inFlight.Clear();
    }

    public void Apply(Step step)
    {
        switch (step.Kind)
        {
            case StepKind.Write:
            case StepKind.Delete:
                Accept(step.Region, step.Kind == StepKind.Delete ? null : step.Value, step.Pick);
                break;
            case StepKind.Deliver when _inFlight.Count > 0:
                var (to, write) = _inFlight[step.Pick % _inFlight.Count];
                _inFlight.RemoveAt(step.Pick % _inFlight.Count);
                Deliver(to, write);
                break;
            case StepKind.Duplicate when Writes.Count > 0:
                _inFlight.Add((step.Region, Writes[step.Pick % Writes.Count]));
                break;
        }
    }

    private void Accept(int region, byte? value, int pick)
    {
        var state = _replicas[region];
        var newest = state.Seen.Entries.Values.Append(_lastWrite[region]).Max();
        var timestamp = pick % 2 == 0 ? new HybridTimestamp(newest.WallMs + 1, 0) : newest with { Logical = newest.Logical + 1 };
        var version = new WriteVersion(timestamp, Regions[region]);
        var written = value is { } b ? new VersionedValue(version, [b], "application/octet-stream") : VersionedValue.Tombstone(version);
        var write = new Write(written, state.Seen.With(version));
        _lastWrite[region] = timestamp;
        _byVersion.Add(version, write);
        Writes.Add(write);
        Hold(region, new SingleValueState(written, write.Seen));
        for (var to = 0; to < _replicas.Length; to++)
        {
            if (to != region)
            {
                _inFlight.Add((to, write));
            }
        }
    }

    private void Deliver(int to, Write write)
    {
        var before = _replicas[to];
        var outcome = SingleValueMerge.Merge(before, write.Value, write.Seen, _choose);
        Merges.Add(new MergeRecord(to, before, write, outcome));

        var again = SingleValueMerge.Merge(outcome.State, write.Value, write.Seen, _choose);
        if (again.Changed || again.Loser is not null || !again.State.Equals(outcome.State))
        {
            NotIdempotent.Add($"{Regions[to]} merged {write} twice: {outcome} then {again}");
        }

        Hold(to, outcome.State);
    }

    private void Hold(int region, SingleValueState state)
    {
        _replicas[region] = state;
        if (state.Value is not { } held)
        {
            return;
        }

        var heldWrite = WriteOf(held);
        foreach (var later in Writes.Where(w => state.Seen.Covers(w.Version) && w.Follows(heldWrite)))
        {
            HeldSuperseded.Add($"{Regions[region]} holds {heldWrite} though it has seen {later}, which followed it");
        }
    }
}
