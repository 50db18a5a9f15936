namespace GeoStore.AppHost.Model;

/// <summary>A resource cannot start, for a reason a person can act on; its message is shown as is, without a stack trace.</summary>
public sealed class ResourceStartException : Exception
{
    public ResourceStartException(string message)
        : base(message)
    {
    }

    public ResourceStartException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
