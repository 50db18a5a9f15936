using GeoStore.AppHost.Model;
using GeoStore.AppHost.Output;
using GeoStore.AppHost.Processes;
using GeoStore.AppHost.Readiness;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace GeoStore.AppHost.Hosting;

/// <summary>Declares the resources of a <see cref="DistributedApplication"/>, like Aspire's <c>IDistributedApplicationBuilder</c>.</summary>
public sealed class DistributedApplicationBuilder
{
    private readonly List<Resource> _resources = [];
    private readonly List<string> _startupMessages = [];
    private readonly List<string> _readyMessages = [];

    internal DistributedApplicationBuilder(DistributedApplicationOptions options, ConsoleOutput console)
    {
        Options = options;
        Console = console;
    }

    public DistributedApplicationOptions Options { get; }

    public ConsoleOutput Console { get; }

    public IReadOnlyList<Resource> Resources => _resources;

    /// <summary>Adds a .NET project of this repository to run as its own process (see <see cref="AddResource{T}"/>).</summary>
    public ResourceBuilder<ProjectResource> AddProject(string name, string kind, ProjectMetadata project) =>
        AddResource(new ProjectResource(name, kind, project));

    /// <summary>Adds a program to run as its own process (see <see cref="AddResource{T}"/>).</summary>
    public ResourceBuilder<ExecutableResource> AddExecutable(string name, string kind, string command, string workingDirectory) =>
        AddResource(new ExecutableResource(name, kind, command, workingDirectory));

    /// <summary>
    /// Adds a resource. Like Aspire, every process learns its name (<c>OTEL_SERVICE_NAME</c>), where to
    /// export telemetry (<c>OTEL_EXPORTER_OTLP_ENDPOINT</c>, when the AppHost has one) and the AppHost's
    /// pid (<c>GeoStore__ParentPid</c>), so it stops with the AppHost even when the AppHost is killed.
    /// </summary>
    public ResourceBuilder<T> AddResource<T>(T resource)
        where T : Resource
    {
        ArgumentNullException.ThrowIfNull(resource);
        if (_resources.Exists(r => r.Name == resource.Name))
        {
            throw new InvalidOperationException($"A resource named '{resource.Name}' already exists.");
        }

        _resources.Add(resource);
        var builder = new ResourceBuilder<T>(resource)
            .WithEnvironment("OTEL_SERVICE_NAME", resource.Name)
            .WithEnvironment("GeoStore__ParentPid", Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach (var passed in (string[])["OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_PROTOCOL", "OTEL_EXPORTER_OTLP_HEADERS"])
        {
            if (Environment.GetEnvironmentVariable(passed) is { Length: > 0 } value)
            {
                builder.WithEnvironment(passed, value);
            }
        }

        return builder;
    }

    /// <summary>A line printed before anything starts.</summary>
    public DistributedApplicationBuilder AnnounceOnStart(string message)
    {
        _startupMessages.Add(message);
        return this;
    }

    /// <summary>Text printed under the resource table once every resource is ready.</summary>
    public DistributedApplicationBuilder AnnounceWhenReady(string message)
    {
        _readyMessages.Add(message);
        return this;
    }

    public DistributedApplication Build()
    {
        var model = new DistributedApplicationModel([.. _resources]);
        _ = model.DependencyLevels(); // fails on a WaitFor cycle

        var host = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = [],
            ApplicationName = "GeoStore.AppHost",
        });
        host.Logging.ClearProviders();
        host.Logging.AddProvider(new AppHostConsoleLoggerProvider(Console));
        host.Logging.AddFilter("Microsoft", LogLevel.Warning);
        host.Logging.AddFilter("System", LogLevel.Warning);
        host.Services.Configure<ConsoleLifetimeOptions>(o => o.SuppressStatusMessages = true);

        // Stopping goes level by level (APIs, then silos, then the primary silo, then storage), each within the stop timeout.
        var levels = model.DependencyLevels().Count;
        host.Services.Configure<HostOptions>(o => o.ShutdownTimeout = Options.StopTimeout * (levels + 1) + TimeSpan.FromSeconds(5));

        var services = host.Services;
        services.AddSingleton(model);
        services.AddSingleton(Options);
        services.AddSingleton(Console);
        services.AddSingleton(new ApplicationMessages([.. _startupMessages], [.. _readyMessages]));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<ResourceNotifications>();
        services.AddSingleton<ProcessSupervisor>();
        services.AddSingleton(_ => new HttpClient(new SocketsHttpHandler { UseProxy = false }));
        services.AddSingleton<ReadinessProber>();
        services.AddHostedService<ManifestWriter>();
        services.AddHostedService<LauncherWatch>();
        services.AddSingleton<ResourceLogs>();
        services.AddSingleton<ApplicationOrchestrator>();
        services.AddHostedService(sp => sp.GetRequiredService<ApplicationOrchestrator>());
        services.AddSingleton<Control.ResourceControlServer>();
        services.AddHostedService(sp => sp.GetRequiredService<Control.ResourceControlServer>());
        return new DistributedApplication(host.Build());
    }
}
