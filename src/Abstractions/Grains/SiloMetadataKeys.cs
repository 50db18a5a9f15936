namespace GeoStore.Abstractions.Grains;

/// <summary>Names of the silo metadata entries GeoStore sets and reads.</summary>
public static class SiloMetadataKeys
{
    public const string Region = "geostore.region";
}
