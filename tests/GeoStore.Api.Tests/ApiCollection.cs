namespace GeoStore.Api.Tests;

/// <summary>The API tests share one three-region deployment and run one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class ApiCollection : ICollectionFixture<GeoStoreApiFixture>
{
    public const string Name = "three-region-api";
}
