namespace GeoStore.Abstractions.Messages;

public enum WriteStatus
{
    Applied,
    PreconditionFailed,
}
