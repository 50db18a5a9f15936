namespace GeoStore.Core.Crdts;

/// <summary>
/// An operation cannot apply to a CRDT state: it targets another CRDT type, breaks a limit, names a
/// map field that already holds another type, or would overflow a counter.
/// </summary>
[GenerateSerializer]
public sealed class CrdtOperationException(string problem) : Exception(problem);
