namespace GeoStore.Bench.Topology;

/// <summary>
/// An open-loop write load: <see cref="Rate"/> writes per second, each due at a fixed time
/// whether or not earlier ones have answered, in a region and on a key drawn from a
/// <see cref="Random"/> seeded with <see cref="Seed"/>, so every phase with the same seed writes
/// the same sequence. Writes due in <see cref="Warmup"/> are not measured; every
/// <see cref="SampleEvery"/>-th measured write is followed by the lag probe (0: none).
/// </summary>
public sealed record WriteLoad(
    string Keyspace,
    IReadOnlyList<string> Keys,
    int Rate,
    TimeSpan Warmup,
    TimeSpan Measured,
    int Seed,
    int ValueSize,
    int SampleEvery);
