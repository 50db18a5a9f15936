namespace GeoStore.Core.Tests.Crdts;

/// <summary>
/// One step of a generated history. <see cref="Action"/> 0–6: <see cref="Region"/> applies a local
/// operation chosen by <see cref="Argument"/>; 7–9: <see cref="Region"/> merges the current state of
/// <see cref="Other"/>. Timestamps advance by 1 or 2 per region, so ties across regions are common.
/// </summary>
public readonly record struct HistoryStep(int Action, int Region, int Other, int Argument);
