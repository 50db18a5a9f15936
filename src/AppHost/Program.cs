using System.CommandLine;
using GeoStore.AppHost.Cli;
using GeoStore.AppHost.GeoCluster;
using GeoStore.AppHost.Hosting;

var command = AppHostCommand.Create(async (application, cluster, cancellationToken) =>
{
    var builder = DistributedApplication.CreateBuilder(application);
    builder.AddGeoCluster(cluster);
    await using var app = builder.Build();
    return await app.RunAsync(cancellationToken);
});

// The host handles Ctrl+C and SIGTERM itself: stopping every child takes longer than System.CommandLine would wait.
return await command.Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });
