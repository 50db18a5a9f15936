using GeoStore.Grains.Registers;

namespace GeoStore.Grains.Storage;

/// <summary>One key's stored replica state, as <see cref="IRegisterStateScanner"/> finds it.</summary>
public sealed record StoredRegister(string Key, RegisterState State);
