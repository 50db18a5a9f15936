using System.Collections.Immutable;
using GeoStore.Core.Clocks;
using GeoStore.Core.Crdts;

namespace GeoStore.Core.Tests.Crdts;

/// <summary>
/// Plays a generated history at three regions as the register grains would: each applies its own
/// operations with a strictly increasing timestamp and now and then merges another's state. It
/// tracks which operations each region has seen, so tests can say what the outcome must be.
/// </summary>
internal sealed class ReplicaHistory
{
    public static readonly string[] Regions = ["ap-south", "eu-west", "us-east"];

    /// <summary>Map fields; unless a history mixes types, "hits" is a counter, "tags" a set and "title" a register.</summary>
    public static readonly string[] Fields = ["hits", "tags", "title"];

    public static readonly string[] Elements = ["a", "b", "c"];

    private readonly ImmutableHashSet<int>[] _seen = [.. Regions.Select(_ => ImmutableHashSet<int>.Empty)];
    private readonly long[] _wall = new long[Regions.Length];

    private readonly bool _mixedFieldTypes;

    private ReplicaHistory(CrdtType type, bool mixedFieldTypes)
    {
        Type = type;
        _mixedFieldTypes = mixedFieldTypes;
        Current = [.. Regions.Select(_ => CrdtValue.Empty(type))];
        Snapshots = [.. Current];
    }

    public CrdtType Type { get; }

    /// <summary>Each region's state at the end of the history, before the final exchange.</summary>
    public CrdtValue[] Current { get; }

    /// <summary>Every state any region held, in the order they arose: what the network may still deliver.</summary>
    public List<CrdtValue> Snapshots { get; }

    public List<HistoryEvent> Events { get; } = [];

    /// <param name="mixedFieldTypes">Map operations pick any field, so regions concurrently give a
    /// field different types; an operation the region's state refuses is skipped, as the API would refuse it.</param>
    public static ReplicaHistory Play(CrdtType type, IEnumerable<HistoryStep> steps, bool mixedFieldTypes = false)
    {
        var history = new ReplicaHistory(type, mixedFieldTypes);
        foreach (var step in steps)
        {
            history.Run(step);
        }

        return history;
    }

    /// <summary>
    /// Every region receives every snapshot of every region, in its own random order and with
    /// duplicates. The result holds one state per region.
    /// </summary>
    public CrdtValue[] DeliverEverything(Random random)
    {
        var result = new CrdtValue[Regions.Length];
        for (var r = 0; r < Regions.Length; r++)
        {
            var deliveries = Snapshots.Concat(Snapshots.Where(_ => random.Next(3) == 0)).ToArray();
            random.Shuffle(deliveries);
            result[r] = deliveries.Aggregate(Current[r], CrdtValue.Merge);
        }

        return result;
    }

    /// <summary>True when <paramref name="observer"/> had seen <paramref name="observed"/> when it ran.</summary>
    public static bool Saw(HistoryEvent observer, HistoryEvent observed) => observer.Seen.Contains(observed.Id);

    private void Run(HistoryStep step)
    {
        var region = step.Region % Regions.Length;
        if (step.Action >= 7)
        {
            var other = step.Other % Regions.Length;
            Current[region] = CrdtValue.Merge(Current[region], Current[other]);
            _seen[region] = _seen[region].Union(_seen[other]);
        }
        else
        {
            _wall[region] += 1 + step.Argument % 2;
            var timestamp = new HybridTimestamp(_wall[region], 0);
            var id = Events.Count;
            var operation = OperationFor(Type, step.Argument / 2, id);
            if (_mixedFieldTypes && operation.Field is not null)
            {
                operation = operation with { Field = Fields[step.Argument / 3 % Fields.Length] };
                if (Current[region].Validate(operation) is not null)
                {
                    return;
                }
            }

            Current[region] = Current[region].Apply(operation, Regions[region], timestamp);
            Events.Add(new HistoryEvent(id, Regions[region], timestamp, operation, _seen[region]));
            _seen[region] = _seen[region].Add(id);
        }

        Snapshots.Add(Current[region]);
    }

    private static CrdtOperation OperationFor(CrdtType type, int choice, int id) => type switch
    {
        CrdtType.PnCounter => CounterOperation(choice),
        CrdtType.OrSet => SetOperation(choice),
        CrdtType.LwwRegister or CrdtType.MvRegister => CrdtOperation.Assign($"{id}"),
        _ => (choice % 4) switch
        {
            0 => CrdtOperation.Update(Fields[0], CounterOperation(choice / 4)),
            1 => CrdtOperation.Update(Fields[1], SetOperation(choice / 4)),
            2 => CrdtOperation.Update(Fields[2], CrdtOperation.Assign($"{id}")),
            _ => CrdtOperation.RemoveField(Fields[choice / 4 % Fields.Length]),
        },
    };

    private static CrdtOperation CounterOperation(int choice) =>
        choice % 2 == 0 ? CrdtOperation.Increment(1 + choice / 2 % 5) : CrdtOperation.Decrement(1 + choice / 2 % 5);

    /// <summary>Adds and removes of a non-empty subset of three elements, so they often meet.</summary>
    private static CrdtOperation SetOperation(int choice)
    {
        var mask = 1 + choice / 2 % 7;
        var elements = Elements.Where((_, i) => (mask & (1 << i)) != 0);
        return choice % 2 == 0 ? CrdtOperation.Add(elements) : CrdtOperation.Remove(elements);
    }
}
