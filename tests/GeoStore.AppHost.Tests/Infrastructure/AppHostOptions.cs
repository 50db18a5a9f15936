namespace GeoStore.AppHost.Tests.Infrastructure;

/// <summary>How a test runs the AppHost, beyond the ports, token and manifest every run gets.</summary>
public sealed record AppHostOptions
{
    /// <summary><c>--storage</c>: <c>azure</c> (Azurite, the AppHost's default) or <c>memory</c>.</summary>
    public string Storage { get; init; } = "azure";

    /// <summary><c>--data-dir</c> with Azure storage; null gives the run a fresh folder of its own, deleted with it.</summary>
    public string? DataDirectory { get; init; }

    /// <summary><c>--fresh</c>: wipe the data folder before starting.</summary>
    public bool Fresh { get; init; }

    public static AppHostOptions InMemory { get; } = new() { Storage = "memory" };
}
