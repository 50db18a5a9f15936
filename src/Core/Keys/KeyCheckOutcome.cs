namespace GeoStore.Core.Keys;

public enum KeyCheckOutcome
{
    Valid,
    Invalid,
    TooLarge,
}
