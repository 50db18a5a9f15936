using Microsoft.Extensions.Logging;

namespace GeoStore.AppHost.Output;

/// <summary>
/// Writes the AppHost's own log lines as <c>[apphost] message</c>, synchronously, so they stay in
/// order with the forwarded child output and the resource tables.
/// </summary>
internal sealed class AppHostConsoleLogger(ConsoleOutput console) : ILogger
{
    public const string Prefix = "[apphost] ";

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!IsEnabled(logLevel))
        {
            return;
        }

        var level = logLevel switch
        {
            LogLevel.Warning => "warn: ",
            LogLevel.Error or LogLevel.Critical => "fail: ",
            _ => string.Empty,
        };
        var line = Prefix + level + formatter(state, exception);
        console.WriteLine(exception is null ? line : line + Environment.NewLine + exception);
    }
}
