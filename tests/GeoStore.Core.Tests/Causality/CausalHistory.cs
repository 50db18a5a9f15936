using FsCheck;
using FsCheck.Fluent;
using GeoStore.Core.Causality;
using GeoStore.Core.Clocks;
using GeoStore.Core.Versioning;

namespace GeoStore.Core.Tests.Causality;

/// <summary>
/// A simulated MultiValue key at three regions: clients read at one region (keeping its context
/// as a token) and later write at the same or another region with it, blind writes and deletes
/// mix in, and regions ship their whole state to each other, delivered late, out of order or
/// twice. It records every write with the context it carried, and every state a replica held.
/// </summary>
internal sealed class CausalHistory
{
    public static readonly string[] Regions = ["us-east", "eu-west", "ap-south"];

    private const int Clients = 4;

    private readonly SiblingSet[] _replicas = [SiblingSet.Empty, SiblingSet.Empty, SiblingSet.Empty];
    private readonly string?[] _tokens = new string?[Clients];
    private readonly List<(int To, SiblingSet State)> _inFlight = [];

    public enum StepKind
    {
        Read,
        WriteWithContext,
        BlindWrite,
        DeleteWithContext,
        Ship,
        Deliver,
    }

    /// <summary>One step; <paramref name="Pick"/> chooses a peer or an in-flight message where needed.</summary>
    public sealed record Step(StepKind Kind, int Region, int Client, int Pick);

    /// <summary>One acknowledged write: its dot, the context its client sent, and its value.</summary>
    public sealed record Write(Dot Dot, VersionVector Seen, VersionedValue Value);

    public static Gen<Step> Steps { get; } =
        from kind in Gen.Frequency(
            (3, Gen.Constant(StepKind.Read)),
            (3, Gen.Constant(StepKind.WriteWithContext)),
            (2, Gen.Constant(StepKind.BlindWrite)),
            (1, Gen.Constant(StepKind.DeleteWithContext)),
            (3, Gen.Constant(StepKind.Ship)),
            (3, Gen.Constant(StepKind.Deliver)))
        from region in Gen.Choose(0, Regions.Length - 1)
        from client in Gen.Choose(0, Clients - 1)
        from pick in Gen.Choose(0, 1_000)
        select new Step(kind, region, client, pick);

    public static Gen<List<Step>> Histories { get; } = Gen.ListOf(Steps).Select(steps => steps.ToList());

    public IReadOnlyList<SiblingSet> Replicas => _replicas;

    /// <summary>Every state any replica has held, the empty one first.</summary>
    public List<SiblingSet> States { get; } = [SiblingSet.Empty];

    public List<Write> Writes { get; } = [];

    /// <summary>For every write: what <see cref="SiblingSet.CheckCap"/> predicted, and how many siblings the write left.</summary>
    public List<(int Predicted, int Actual)> CapChecks { get; } = [];

    /// <summary>Replica states that held a write the history never made, or lost one no write's context saw.</summary>
    public List<string> Violations { get; } = [];

    public static CausalHistory Run(IEnumerable<Step> steps)
    {
        var history = new CausalHistory();
        foreach (var step in steps)
        {
            history.Apply(step);
        }

        return history;
    }

    /// <summary>The writes no other write's context covered: exactly the siblings that must survive.</summary>
    public IEnumerable<Write> Uncovered() =>
        Writes.Where(write => !Writes.Any(other => !ReferenceEquals(other, write) && other.Seen.Covers(write.Dot)));

    /// <summary>
    /// Delivers every state any replica ever held to every replica, each in its own random order
    /// with random duplicates, and returns the replicas' final states.
    /// </summary>
    public SiblingSet[] DeliverEverything(Random random)
    {
        var final = new SiblingSet[_replicas.Length];
        for (var r = 0; r < _replicas.Length; r++)
        {
            var deliveries = States.Concat(States.Where(_ => random.Next(3) == 0)).ToArray();
            random.Shuffle(deliveries);
            final[r] = deliveries.Aggregate(_replicas[r], SiblingSet.Merge);
        }

        return final;
    }

    public void Apply(Step step)
    {
        var region = step.Region;
        switch (step.Kind)
        {
            case StepKind.Read:
                _tokens[step.Client] = CausalContextToken.Encode(_replicas[region].Context);
                break;
            case StepKind.WriteWithContext:
                Accept(region, ContextOf(step.Client), delete: false);
                break;
            case StepKind.BlindWrite:
                Accept(region, VersionVector.Empty, delete: false);
                break;
            case StepKind.DeleteWithContext:
                Accept(region, ContextOf(step.Client), delete: true);
                break;
            case StepKind.Ship:
                _inFlight.Add(((region + 1 + (step.Pick % 2)) % _replicas.Length, _replicas[region]));
                break;
            case StepKind.Deliver when _inFlight.Count > 0:
                var (to, state) = _inFlight[step.Pick % _inFlight.Count];
                _inFlight.RemoveAt(step.Pick % _inFlight.Count);
                Hold(to, SiblingSet.Merge(_replicas[to], state));
                break;
        }
    }

    private VersionVector ContextOf(int client)
    {
        if (!CausalContextToken.TryDecode(_tokens[client], out var context, out var error))
        {
            throw new InvalidOperationException($"A token this store issued did not decode: {error}");
        }

        return context;
    }

    private void Accept(int region, VersionVector seen, bool delete)
    {
        var index = Writes.Count;
        var version = new WriteVersion(new HybridTimestamp(1_000 + index, 0), Regions[region]);
        var value = delete ? VersionedValue.Tombstone(version) : new VersionedValue(version, BitConverter.GetBytes(index), "text/plain");
        var predicted = SiblingSet.CheckCap(_replicas[region], seen, maxSiblings: 1).SiblingsAfterWrite;
        var update = _replicas[region].Update(seen, Regions[region], value);
        Writes.Add(new Write(update.Dot, seen, value));
        CapChecks.Add((predicted, update.Result.Siblings.Length));
        Hold(region, update.Result);
    }

    private void Hold(int region, SiblingSet state)
    {
        _replicas[region] = state;
        States.Add(state);
        foreach (var sibling in state.Siblings)
        {
            var write = Writes.SingleOrDefault(w => w.Dot.Equals(sibling.Dot));
            if (write is null || !sibling.Equals(new Sibling(write.Dot, write.Value)))
            {
                Violations.Add($"{Regions[region]} holds {sibling}, which no write made: {state}");
            }
        }

        // A write this replica knows of but no longer holds must have been seen by a later write.
        foreach (var write in Writes)
        {
            if (state.Context.Covers(write.Dot)
                && !state.Siblings.Any(s => s.Dot.Equals(write.Dot))
                && !Writes.Any(other => !ReferenceEquals(other, write) && other.Seen.Covers(write.Dot)))
            {
                Violations.Add($"{Regions[region]} lost {write.Dot}, which no write's context saw: {state}");
            }
        }
    }
}
