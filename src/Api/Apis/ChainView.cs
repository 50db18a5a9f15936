using GeoStore.Core.Chain;
using GeoStore.Core.Keyspaces;

namespace GeoStore.Api.Apis;

/// <summary>
/// The chain of a Chain keyspace as the admin API answers it: version, members head first, the
/// version each member joined at, and the keyspace's regions that are not in the chain now
/// (removed after a failure; <c>POST …/chain/members/{region}</c> appends one again).
/// </summary>
public sealed record ChainView(
    string Keyspace,
    long Version,
    IReadOnlyList<string> Members,
    string Head,
    string Tail,
    IReadOnlyDictionary<string, long> JoinedAt,
    IReadOnlyList<string> Removed)
{
    public static ChainView From(string keyspace, KeyspacePolicy policy, ChainMembership chain)
    {
        var configuration = chain.Configuration;
        return new(
            keyspace,
            chain.Version,
            configuration.Members,
            configuration.Head,
            configuration.Tail,
            configuration.Members.Zip(chain.JoinedAt).ToDictionary(m => m.First, m => m.Second, StringComparer.Ordinal),
            [.. policy.Regions.Where(r => !configuration.Contains(r))]);
    }
}
