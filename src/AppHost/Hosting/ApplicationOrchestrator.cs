using System.Net;
using System.Net.Sockets;
using GeoStore.AppHost.Model;
using GeoStore.AppHost.Output;
using GeoStore.AppHost.Processes;
using GeoStore.AppHost.Readiness;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace GeoStore.AppHost.Hosting;

/// <summary>
/// Launches every resource once the ones it waits for are ready, watches each become ready, reports
/// a resource that dies while the others keep running, and stops them all in reverse order. When
/// nothing at all could be started (say, storage failed to install) the AppHost ends with code 1.
/// </summary>
public sealed class ApplicationOrchestrator(
    DistributedApplicationModel model,
    DistributedApplicationOptions options,
    ApplicationMessages messages,
    ResourceNotifications notifications,
    ProcessSupervisor supervisor,
    ReadinessProber prober,
    ConsoleOutput console,
    IHostApplicationLifetime lifetime,
    IServiceProvider services,
    TimeProvider time,
    ILogger<ApplicationOrchestrator> logger) : IHostedService, IDisposable
{
    public static readonly TimeSpan ProbeInterval = TimeSpan.FromMilliseconds(500);

    private readonly CancellationTokenSource _stopping = new();
    private Task _run = Task.CompletedTask;

    /// <summary>The exit code the AppHost ends with.</summary>
    public int ExitCode { get; private set; }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var message in messages.OnStart)
        {
            logger.Announce(message);
        }

        if (!CanLaunch())
        {
            ExitCode = 1;
            lifetime.StopApplication();
            return Task.CompletedTask;
        }

        supervisor.Exited += OnExited;
        console.WriteBlock(ResourceTable.Render(model, notifications));
        _run = RunAsync(_stopping.Token);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await _run;
        if (model.Resources.All(r => notifications.Get(r).Pid is null))
        {
            return;
        }

        logger.Stopping();
        foreach (var level in model.DependencyLevels().Reverse())
        {
            await Task.WhenAll(level.Select(r => supervisor.StopAsync(r, options.StopTimeout, cancellationToken)));
        }

        console.WriteBlock(ResourceTable.Render(model, notifications));
        logger.Stopped();
    }

    public void Dispose() => _stopping.Dispose();

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        // Let StartAsync return: the host goes on while resources launch.
        await Task.Yield();
        var started = time.GetTimestamp();
        var launches = Task.WhenAll(model.Resources.Select(r => LaunchAsync(r, cancellationToken)));
        try
        {
            try
            {
                await launches.WaitAsync(options.ReadyTimeout, time, cancellationToken);
            }
            catch (TimeoutException)
            {
                logger.NotReadyInTime(options.ReadyTimeout.TotalSeconds, NamesNotReady());
                console.WriteBlock(ResourceTable.Render(model, notifications));
                await launches.WaitAsync(cancellationToken);
            }

            if (NamesNotReady().Length > 0)
            {
                if (model.Resources.All(r => notifications.Get(r).IsTerminal))
                {
                    logger.NothingRunning();
                    ExitCode = 1;
                    lifetime.StopApplication();
                    return;
                }

                logger.SomeNeverReady(NamesNotReady());
                return;
            }

            logger.Ready(model.Resources.Count, time.GetElapsedTime(started).TotalSeconds);
            console.WriteBlock(ResourceTable.Render(model, notifications));
            foreach (var message in messages.WhenReady)
            {
                console.WriteBlock(message);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>
    /// Stops one resource on request (SIGTERM, then its tree is killed after the stop timeout), the
    /// others running on: how "kill region" works. The table is printed again.
    /// </summary>
    public async Task StopResourceAsync(Resource resource, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(resource);
        logger.StoppingOnRequest(resource.Name);
        await supervisor.StopAsync(resource, options.StopTimeout, cancellationToken);
        console.WriteBlock(ResourceTable.Render(model, notifications));
    }

    /// <summary>
    /// Starts one resource again on request (stopping it first if it runs) and returns once its
    /// process is started; it becomes Ready when its readiness check passes, as at launch.
    /// </summary>
    /// <returns>False when it could not be started.</returns>
    public async Task<bool> RestartResourceAsync(Resource resource, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(resource);
        if (_stopping.IsCancellationRequested)
        {
            return false;
        }

        if (!notifications.Get(resource).IsTerminal && notifications.Get(resource).State != ResourceState.NotStarted)
        {
            await supervisor.StopAsync(resource, options.StopTimeout, cancellationToken);
        }

        logger.RestartingOnRequest(resource.Name);
        notifications.Publish(resource, s => s with { Restarts = s.Restarts + 1 });
        var launch = LaunchAsync(resource, _stopping.Token);
        var started = await notifications.WaitForAsync(resource, s => s.State is ResourceState.Running or ResourceState.Ready || s.IsTerminal, cancellationToken);
        _ = launch.ContinueWith(_ => console.WriteBlock(ResourceTable.Render(model, notifications)), TaskScheduler.Default);
        return !started.IsTerminal;
    }

    private async Task LaunchAsync(Resource resource, CancellationToken cancellationToken)
    {
        if (resource.WaitsFor.Count > 0)
        {
            notifications.Publish(resource, s => s with { State = ResourceState.Waiting });
            foreach (var dependency in resource.WaitsFor)
            {
                var reached = await notifications.WaitForAsync(dependency, s => s.State == ResourceState.Ready || s.IsTerminal, cancellationToken);
                if (reached.State != ResourceState.Ready)
                {
                    logger.DependencyFailed(resource.Name, dependency.Name);
                    notifications.Publish(resource, s => new ResourceSnapshot(ResourceState.FailedToStart, Restarts: s.Restarts));
                    return;
                }
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        if (!await BeforeStartAsync(resource, cancellationToken) || !supervisor.Start(resource))
        {
            return;
        }

        using var timer = new PeriodicTimer(ProbeInterval, time);
        do
        {
            if (notifications.Get(resource).State != ResourceState.Running)
            {
                return;
            }

            if (await prober.IsReadyAsync(resource, cancellationToken))
            {
                notifications.Publish(resource, s => s.State == ResourceState.Running ? s with { State = ResourceState.Ready } : s);
                return;
            }
        }
        while (await timer.WaitForNextTickAsync(cancellationToken));
    }

    private async Task<bool> BeforeStartAsync(Resource resource, CancellationToken cancellationToken)
    {
        if (resource.BeforeStart.Count == 0)
        {
            return true;
        }

        notifications.Publish(resource, s => new ResourceSnapshot(ResourceState.Starting, Restarts: s.Restarts));
        var started = new BeforeResourceStartedEvent(resource, services);
        try
        {
            foreach (var callback in resource.BeforeStart)
            {
                await callback(started, cancellationToken);
            }

            return true;
        }
        catch (ResourceStartException ex)
        {
            logger.CannotStart(resource.Name, ex.Message);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.BeforeStartFailed(ex, resource.Name);
        }

        notifications.Publish(resource, s => new ResourceSnapshot(ResourceState.FailedToStart, Restarts: s.Restarts));
        return false;
    }

    private void OnExited(ProcessExit exit)
    {
        if (exit.Requested || _stopping.IsCancellationRequested || lifetime.ApplicationStopping.IsCancellationRequested)
        {
            return;
        }

        // The others keep running: a dead region is something to look at, not a reason to stop.
        logger.ResourceExited(exit.Resource.Name, exit.Pid, exit.ExitCode);
        console.WriteBlock(ResourceTable.Render(model, notifications));
    }

    private string[] NamesNotReady() =>
        [.. model.Resources.Where(r => notifications.Get(r).State != ResourceState.Ready).Select(r => $"{r.Name} ({notifications.Get(r).Display})")];

    private bool CanLaunch()
    {
        var ok = true;
        foreach (var project in model.Resources.OfType<ProjectResource>().Select(r => r.Project).Distinct())
        {
            if (!project.IsBuilt)
            {
                logger.ProjectNotBuilt(project.AssemblyName, project.OutputPath);
                ok = false;
            }
        }

        foreach (var group in model.Resources.SelectMany(r => r.Endpoints.Select(e => (Resource: r, Endpoint: e))).GroupBy(x => x.Endpoint.Port))
        {
            if (group.Count() > 1)
            {
                logger.PortTwice(group.Key, string.Join(", ", group.Select(x => $"{x.Resource.Name}/{x.Endpoint.Name}")));
                ok = false;
            }
            else if (!IsFree(group.Single().Endpoint))
            {
                logger.PortInUse(group.Key, group.Single().Resource.Name, group.Single().Endpoint.Name);
                ok = false;
            }
        }

        return ok;
    }

    private static bool IsFree(ResourceEndpoint endpoint)
    {
        var listener = new TcpListener(IPAddress.Parse(endpoint.Host), endpoint.Port);
        try
        {
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
        finally
        {
            listener.Stop();
            listener.Dispose();
        }
    }
}
