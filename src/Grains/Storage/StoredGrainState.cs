namespace GeoStore.Grains.Storage;

/// <summary>One stored grain state found by <see cref="IGrainStateScanner"/>: the grain's id as <c>type/key</c>, and its state.</summary>
public sealed record StoredGrainState<T>(string GrainId, T State);
