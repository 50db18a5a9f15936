namespace GeoStore.Cluster.Tests.Chain;

/// <summary>The Chain tests that can share one cluster run in this collection, one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class ChainCollection : ICollectionFixture<ChainFixture>
{
    public const string Name = "chain";
}
