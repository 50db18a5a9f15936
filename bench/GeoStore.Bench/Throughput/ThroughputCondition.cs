namespace GeoStore.Bench.Throughput;

/// <summary>
/// One condition of the throughput phases: the keyspace the mixed load runs on, and the W and R
/// each request asks for (null: the keyspace's own, as in a multi-leader keyspace).
/// </summary>
public sealed record ThroughputCondition(string Name, string Keyspace, int? W, int? R);
