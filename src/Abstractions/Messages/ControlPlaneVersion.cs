namespace GeoStore.Abstractions.Messages;

/// <summary>
/// Which version of a control-plane document (catalog, WAN model) a copy holds. The epoch changes
/// when the document starts over (a fresh store), so equal revisions of different lives never pass
/// for the same document.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ControlPlaneVersion(
    [property: Id(0)] Guid Epoch,
    [property: Id(1)] long Revision);
