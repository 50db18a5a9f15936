using Microsoft.Extensions.Logging;

namespace GeoStore.AppHost.Output;

/// <summary>Provides <see cref="AppHostConsoleLogger"/> for every category.</summary>
[ProviderAlias("AppHostConsole")]
public sealed class AppHostConsoleLoggerProvider(ConsoleOutput console) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new AppHostConsoleLogger(console);

    public void Dispose()
    {
    }
}
