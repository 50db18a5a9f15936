using System.Collections.Concurrent;
using System.ComponentModel;
using GeoStore.AppHost.Hosting;
using GeoStore.AppHost.Model;
using GeoStore.AppHost.Output;
using Microsoft.Extensions.Logging;

namespace GeoStore.AppHost.Processes;

/// <summary>
/// Starts resources as child processes, publishes their state, notices when one ends, and stops
/// them: SIGTERM first, then the whole process tree is killed once the grace period is over.
/// </summary>
public sealed class ProcessSupervisor(
    ResourceNotifications notifications,
    ConsoleOutput console,
    ResourceLogs logs,
    TimeProvider time,
    ILogger<ProcessSupervisor> logger) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<Resource, (SupervisedProcess Process, Task Watch)> _processes = new();
    private readonly ConcurrentDictionary<Resource, bool> _stopRequested = new();

    /// <summary>Raised once for every process that ended, asked to or not.</summary>
    public event Action<ProcessExit>? Exited;

    /// <summary>Starts the resource's process.</summary>
    /// <returns>False when it could not be started; its state is then <see cref="ResourceState.FailedToStart"/>.</returns>
    public bool Start(Resource resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        notifications.Publish(resource, s => new ResourceSnapshot(ResourceState.Starting, Restarts: s.Restarts));
        SupervisedProcess process;
        try
        {
            process = SupervisedProcess.Start(resource, console, logs);
        }
        catch (Exception ex) when (ex is Win32Exception or InvalidOperationException)
        {
            logger.FailedToStart(ex, resource.Name);
            notifications.Publish(resource, s => new ResourceSnapshot(ResourceState.FailedToStart, Restarts: s.Restarts));
            return false;
        }

        logger.Started(resource.Name, process.Pid);
        _stopRequested.TryRemove(resource, out _);

        // Published before the exit watch starts, so Exited always follows Running.
        notifications.Publish(resource, s => new ResourceSnapshot(ResourceState.Running, process.Pid, Restarts: s.Restarts));
        _processes[resource] = (process, WatchAsync(process));
        return true;
    }

    /// <summary>
    /// Stops the resource's process: SIGTERM, then after <paramref name="gracePeriod"/> (or when
    /// <paramref name="cancellationToken"/> fires) the process tree is killed. Returns once it has exited.
    /// </summary>
    public async Task StopAsync(Resource resource, TimeSpan gracePeriod, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(resource);

        // Returns only once the exit is published, so a table printed next shows it.
        if (!_processes.TryGetValue(resource, out var supervised) || supervised.Watch.IsCompleted)
        {
            return;
        }

        var (process, watch) = supervised;
        _stopRequested[resource] = true;
        notifications.Publish(resource, s => s.IsTerminal ? s : s with { State = ResourceState.Stopping });
        if (process.RequestStop())
        {
            try
            {
                await watch.WaitAsync(gracePeriod, time, cancellationToken);
                return;
            }
            catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
            {
                logger.StopTimedOut(resource.Name, process.Pid, gracePeriod.TotalSeconds);
            }
        }

        process.KillTree();
        await watch;
    }

    /// <summary>Kills whatever still runs: the last line of defence against orphans.</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var (process, watch) in _processes.Values)
        {
            if (!watch.IsCompleted)
            {
                _stopRequested[process.Resource] = true;
                process.KillTree();
            }
        }

        await Task.WhenAll(_processes.Values.Select(p => p.Watch));
        foreach (var (process, _) in _processes.Values)
        {
            process.Dispose();
        }
    }

    private async Task WatchAsync(SupervisedProcess process)
    {
        var code = await process.Exit;
        var requested = _stopRequested.ContainsKey(process.Resource);
        notifications.Publish(process.Resource, s => s with { State = ResourceState.Exited, ExitCode = code });
        Exited?.Invoke(new ProcessExit(process.Resource, process.Pid, code, requested));
    }
}
