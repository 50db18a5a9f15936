using GeoStore.Core.Causality;

namespace GeoStore.Core.Crdts;

/// <summary>One value of a <see cref="MvRegister"/>: the assignment's dot and the value's compact JSON text.</summary>
[GenerateSerializer, Immutable]
public sealed record MvRegisterValue([property: Id(0)] Dot Dot, [property: Id(1)] string Json);
