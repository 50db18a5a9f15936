namespace GeoStore.AppHost.Hosting;

/// <summary>Text the application prints when it starts and once every resource is ready.</summary>
public sealed record ApplicationMessages(IReadOnlyList<string> OnStart, IReadOnlyList<string> WhenReady);
