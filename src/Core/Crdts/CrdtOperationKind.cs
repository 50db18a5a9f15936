namespace GeoStore.Core.Crdts;

/// <summary>What a <see cref="CrdtOperation"/> does; its JSON name is in the comment on each member.</summary>
public enum CrdtOperationKind
{
    /// <summary><c>increment</c>: adds <see cref="CrdtOperation.By"/> to a counter.</summary>
    Increment,

    /// <summary><c>decrement</c>: subtracts <see cref="CrdtOperation.By"/> from a counter.</summary>
    Decrement,

    /// <summary><c>add</c>: adds <see cref="CrdtOperation.Elements"/> to a set.</summary>
    Add,

    /// <summary><c>remove</c>: removes the adds of <see cref="CrdtOperation.Elements"/> this replica has seen.</summary>
    Remove,

    /// <summary><c>assign</c>: sets a register to <see cref="CrdtOperation.Value"/>.</summary>
    Assign,

    /// <summary><c>update</c>: applies <see cref="CrdtOperation.Operation"/> to the map field <see cref="CrdtOperation.Field"/>.</summary>
    Update,

    /// <summary><c>removeField</c>: removes what this replica has seen of the map field <see cref="CrdtOperation.Field"/>.</summary>
    RemoveField,
}
