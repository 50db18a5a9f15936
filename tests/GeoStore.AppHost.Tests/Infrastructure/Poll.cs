using System.Diagnostics;

namespace GeoStore.AppHost.Tests.Infrastructure;

/// <summary>Polls a condition until it holds or a deadline passes: these tests wait this way, never by sleeping.</summary>
public static class Poll
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(200);

    /// <returns>The value <paramref name="attempt"/> produced once it was not null.</returns>
    /// <exception cref="TimeoutException">It was still null at the deadline; the last failure is the inner exception.</exception>
    public static async Task<T> UntilAsync<T>(Func<CancellationToken, Task<T?>> attempt, TimeSpan deadline, string description, CancellationToken cancellationToken)
        where T : class
    {
        var clock = Stopwatch.StartNew();
        Exception? last = null;
        while (true)
        {
            try
            {
                if (await attempt(cancellationToken) is { } value)
                {
                    return value;
                }

                last = null;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                last = ex;
            }

            if (clock.Elapsed > deadline)
            {
                throw new TimeoutException($"Not true within {deadline.TotalSeconds:0.#} s: {description}", last);
            }

            await Task.Delay(Interval, cancellationToken);
        }
    }

    public static Task UntilAsync(Func<CancellationToken, Task<bool>> condition, TimeSpan deadline, string description, CancellationToken cancellationToken) =>
        UntilAsync<object>(async ct => await condition(ct) ? true : null, deadline, description, cancellationToken);

    public static Task UntilAsync(Func<bool> condition, TimeSpan deadline, string description, CancellationToken cancellationToken) =>
        UntilAsync(_ => Task.FromResult(condition()), deadline, description, cancellationToken);
}
