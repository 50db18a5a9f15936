using System.Text.Json.Nodes;
using GeoStore.Core.Clocks;
using GeoStore.Core.Versioning;

namespace GeoStore.Core.Crdts;

/// <summary>
/// The state of one key of a CRDT keyspace: exactly one of <see cref="Counter"/>, <see cref="Set"/>,
/// <see cref="LwwRegister"/>, <see cref="MvRegister"/> or <see cref="Map"/>, as <see cref="Type"/> says.
/// A region applies its own writes with <see cref="Apply"/> and ships the whole state; other
/// regions <see cref="Merge"/> it. Merge is commutative, associative and idempotent, so replicas
/// that have seen the same writes hold equal states (records compare by content).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record CrdtValue
{
    private CrdtValue(CrdtType type, PnCounter? counter = null, OrSet? set = null, LwwRegister? lww = null, MvRegister? mv = null, CrdtMap? map = null)
    {
        Type = type;
        Counter = counter;
        Set = set;
        LwwRegister = lww;
        MvRegister = mv;
        Map = map;
    }

    [Id(0)]
    public CrdtType Type { get; private init; }

    [Id(1)]
    public PnCounter? Counter { get; private init; }

    [Id(2)]
    public OrSet? Set { get; private init; }

    [Id(3)]
    public LwwRegister? LwwRegister { get; private init; }

    [Id(4)]
    public MvRegister? MvRegister { get; private init; }

    [Id(5)]
    public CrdtMap? Map { get; private init; }

    public static CrdtValue Empty(CrdtType type) => type switch
    {
        CrdtType.PnCounter => Of(PnCounter.Empty),
        CrdtType.OrSet => Of(OrSet.Empty),
        CrdtType.LwwRegister => Of(LwwRegister.Empty),
        CrdtType.MvRegister => Of(MvRegister.Empty),
        CrdtType.Map => Of(CrdtMap.Empty),
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Not a CRDT type."),
    };

    public static CrdtValue Of(PnCounter counter) => new(CrdtType.PnCounter, counter: counter);

    public static CrdtValue Of(OrSet set) => new(CrdtType.OrSet, set: set);

    public static CrdtValue Of(LwwRegister register) => new(CrdtType.LwwRegister, lww: register);

    public static CrdtValue Of(MvRegister register) => new(CrdtType.MvRegister, mv: register);

    public static CrdtValue Of(CrdtMap map) => new(CrdtType.Map, map: map);

    /// <summary>
    /// Why <paramref name="operation"/> cannot apply to this state, or null when it can: the checks
    /// of <see cref="CrdtOperation.Validate"/> plus, for a map, the type of the field it updates.
    /// </summary>
    public string? Validate(CrdtOperation operation)
    {
        ArgumentNullException.ThrowIfNull(operation);
        return operation.Validate(Type) ?? Map?.ValidateFieldType(operation);
    }

    /// <summary>
    /// The state after <paramref name="region"/> applies <paramref name="operation"/>; this state is unchanged.
    /// </summary>
    /// <param name="operation">The operation; <see cref="Validate"/> must accept it.</param>
    /// <param name="region">The writing region. It must apply its writes to this key one at a time, each
    /// to a state that holds all its earlier ones, because its next event number comes from the state.</param>
    /// <param name="timestamp">The writing region's hybrid clock reading, strictly increasing per key;
    /// it orders last-writer-wins assignments, with the region name breaking ties.</param>
    /// <exception cref="CrdtOperationException">The operation does not apply to this state.</exception>
    public CrdtValue Apply(CrdtOperation operation, string region, HybridTimestamp timestamp)
    {
        ArgumentException.ThrowIfNullOrEmpty(region);
        if (Validate(operation) is { } problem)
        {
            throw new CrdtOperationException(problem);
        }

        return operation.Kind switch
        {
            CrdtOperationKind.Increment => Of(Counter!.Increment(region, operation.By)),
            CrdtOperationKind.Decrement => Of(Counter!.Decrement(region, operation.By)),
            CrdtOperationKind.Add => Of(Set!.Add(operation.Elements, region)),
            CrdtOperationKind.Remove => Of(Set!.Remove(operation.Elements)),
            CrdtOperationKind.Assign when Type == CrdtType.LwwRegister =>
                Of(LwwRegister!.Assign(operation.Value!, new WriteVersion(timestamp, region))),
            CrdtOperationKind.Assign => Of(MvRegister!.Assign(operation.Value!, region)),
            CrdtOperationKind.Update => Of(Map!.Update(operation.Field!, operation.Operation!, region, timestamp)),
            CrdtOperationKind.RemoveField => Of(Map!.RemoveField(operation.Field!)),
            _ => throw new CrdtOperationException($"Unknown operation kind {operation.Kind}."),
        };
    }

    /// <summary>The join of two states of one key: what a replica holds once it has seen both.</summary>
    /// <exception cref="ArgumentException">The states are of different CRDT types.</exception>
    public static CrdtValue Merge(CrdtValue a, CrdtValue b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Type != b.Type)
        {
            throw new ArgumentException($"Cannot merge a state of type {a.Type} with one of type {b.Type}.", nameof(b));
        }

        return a.Type switch
        {
            CrdtType.PnCounter => Of(PnCounter.Merge(a.Counter!, b.Counter!)),
            CrdtType.OrSet => Of(OrSet.Merge(a.Set!, b.Set!)),
            CrdtType.LwwRegister => Of(LwwRegister.Merge(a.LwwRegister!, b.LwwRegister!)),
            CrdtType.MvRegister => Of(MvRegister.Merge(a.MvRegister!, b.MvRegister!)),
            _ => Of(CrdtMap.Merge(a.Map!, b.Map!)),
        };
    }

    /// <summary>
    /// The state as a reader sees it, e.g. <c>{"type":"PnCounter","value":12}</c>,
    /// <c>{"type":"OrSet","elements":["a","b"]}</c>, <c>{"type":"LwwRegister","value":…}</c>,
    /// <c>{"type":"MvRegister","values":[…]}</c> or <c>{"type":"Map","fields":{"likes":{"type":"PnCounter","value":3}}}</c>.
    /// Equal states render equal JSON; collections come in ordinal order.
    /// </summary>
    public JsonObject ToJson() => Type switch
    {
        CrdtType.PnCounter => Counter!.ToJson(),
        CrdtType.OrSet => Set!.ToJson(),
        CrdtType.LwwRegister => LwwRegister!.ToJson(),
        CrdtType.MvRegister => MvRegister!.ToJson(),
        _ => Map!.ToJson(),
    };

    public override string ToString() =>
        Counter?.ToString() ?? Set?.ToString() ?? LwwRegister?.ToString() ?? MvRegister?.ToString() ?? Map?.ToString() ?? Type.ToString();

    /// <summary>This state with everything it has seen removed; how a map field removal resets a nested value.</summary>
    internal CrdtValue RemoveObserved() => Type switch
    {
        CrdtType.PnCounter => Of(Counter!.RemoveObserved()),
        CrdtType.OrSet => Of(Set!.RemoveObserved()),
        CrdtType.LwwRegister => Of(LwwRegister!.RemoveObserved()),
        _ => throw new InvalidOperationException($"A map field cannot be a {Type}."),
    };
}
