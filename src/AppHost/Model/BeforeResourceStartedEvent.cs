namespace GeoStore.AppHost.Model;

/// <summary>
/// A resource is about to start: the resources it waits for are ready and its process is next, like
/// Aspire's <c>BeforeResourceStartedEvent</c>. A callback that throws <see cref="ResourceStartException"/>
/// keeps the resource from starting.
/// </summary>
/// <param name="Resource">The resource about to start.</param>
/// <param name="Services">The AppHost's services (logging, console output).</param>
public sealed record BeforeResourceStartedEvent(Resource Resource, IServiceProvider Services);
