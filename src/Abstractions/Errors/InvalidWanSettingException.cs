namespace GeoStore.Abstractions.Errors;

/// <summary>A WAN link setting names an unknown region or carries out-of-range values.</summary>
[GenerateSerializer]
public sealed class InvalidWanSettingException(string problem) : Exception(problem);
