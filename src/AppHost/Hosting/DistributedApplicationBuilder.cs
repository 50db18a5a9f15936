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
    private readonly List<ProjectResource> _resources = [];
    private readonly List<string> _startupMessages = [];
    private readonly List<string> _readyMessages = [];

    internal DistributedApplicationBuilder(DistributedApplicationOptions options, ConsoleOutput console)
    {
        Options = options;
        Console = console;
    }

    public DistributedApplicationOptions Options { get; }

    public ConsoleOutput Console { get; }

    public IReadOnlyList<ProjectResource> Resources => _resources;

    /// <summary>
    /// Adds a project to run as its own process. Like Aspire, every project learns its name
    /// (<c>OTEL_SERVICE_NAME</c>), where to export telemetry (<c>OTEL_EXPORTER_OTLP_ENDPOINT</c>, when
    /// the AppHost has one) and the AppHost's pid (<c>GeoStore__ParentPid</c>), so it stops with the AppHost.
    /// </summary>
    public ProjectResourceBuilder AddProject(string name, string kind, ProjectMetadata project)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (_resources.Exists(r => r.Name == name))
        {
            throw new InvalidOperationException($"A resource named '{name}' already exists.");
        }

        var resource = new ProjectResource(name, kind, project);
        _resources.Add(resource);
        var builder = new ProjectResourceBuilder(resource)
            .WithEnvironment("OTEL_SERVICE_NAME", name)
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

        // Stopping goes level by level (APIs, then silos, then the primary silo), each within the stop timeout.
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
        services.AddSingleton<ApplicationOrchestrator>();
        services.AddHostedService(sp => sp.GetRequiredService<ApplicationOrchestrator>());
        return new DistributedApplication(host.Build());
    }
}
