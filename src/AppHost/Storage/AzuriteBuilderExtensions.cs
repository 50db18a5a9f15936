using System.Globalization;
using GeoStore.AppHost.Hosting;
using GeoStore.AppHost.Model;
using GeoStore.AppHost.Output;
using GeoStore.AppHost.Processes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GeoStore.AppHost.Storage;

/// <summary>Declares Azurite, the Azure Storage emulator, as a resource of the application.</summary>
public static class AzuriteBuilderExtensions
{
    /// <summary>
    /// Adds Azurite's table service on loopback port <paramref name="port"/>, ready once it accepts TCP
    /// connections. Just before it starts, the AppHost installs it with <c>npm ci</c> when
    /// node_modules lacks it, deletes its data folder for <see cref="AzuriteOptions.Fresh"/>, and
    /// creates that folder. It runs through <see cref="AzuriteResource.HostScript"/>, so SIGTERM saves
    /// its data and it ends by itself when the AppHost is gone.
    /// </summary>
    public static ResourceBuilder<AzuriteResource> AddAzurite(this DistributedApplicationBuilder builder, string name, AzuriteOptions options, int port)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        var azurite = builder.AddResource(new AzuriteResource(name, options))
            .WithEndpoint(AzuriteResource.TableEndpointName, port, "http")
            .WithTcpReadiness(AzuriteResource.TableEndpointName)
            .OnBeforeResourceStarted(PrepareAsync);
        return azurite.WithArgs(
            AzuriteResource.HostScript,
            azurite.Resource.TableServiceScript,
            "--tableHost",
            ResourceEndpoint.LoopbackHost,
            "--tablePort",
            port.ToString(CultureInfo.InvariantCulture),
            "--location",
            options.DataDirectory,
            "--silent", // otherwise Azurite logs every request, and the silos make many
            "--disableTelemetry",
            "--skipApiVersionCheck",
            "--loose");
    }

    private static async Task PrepareAsync(AzuriteResource azurite, BeforeResourceStartedEvent started, CancellationToken cancellationToken)
    {
        var logger = started.Services.GetRequiredService<ILogger<AzuriteResource>>();
        if (ExecutableSearch.Find(azurite.Command) is null)
        {
            throw new ResourceStartException($"Node.js runs Azurite, but `{azurite.Command}` is not on PATH: install Node.js 20 or later with npm, or run with --storage memory.");
        }

        if (!File.Exists(azurite.TableServiceScript))
        {
            logger.AzuriteMissing(azurite.TableServiceScript);
            await NodePackages.InstallAsync(azurite.Options.PackageDirectory, started.Services.GetRequiredService<ConsoleOutput>(), logger, cancellationToken);
            if (!File.Exists(azurite.TableServiceScript))
            {
                throw new ResourceStartException(
                    $"npm installed the packages of {azurite.Options.PackageDirectory}, but {azurite.TableServiceScript} is still missing: does its package.json list azurite?");
            }
        }

        var data = azurite.Options.DataDirectory;
        if (azurite.Options.Fresh && Directory.Exists(data))
        {
            if (WhyNotWipe(data) is { } reason)
            {
                throw new ResourceStartException($"--fresh would delete {data}, but {reason}: pass a dedicated --data-dir.");
            }

            logger.WipingData(data);
            Directory.Delete(data, recursive: true);
        }

        Directory.CreateDirectory(data);
        logger.DataDirectory(data);
    }

    // --data-dir is free text and --fresh deletes it recursively: refuse folders that hold far more than Azurite's data.
    private static string? WhyNotWipe(string directory)
    {
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory));
        bool Holds(string other)
        {
            var relative = Path.GetRelativePath(full, Path.GetFullPath(other));
            return relative == "." || !(relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative));
        }

        if (Path.GetPathRoot(full) == full)
        {
            return "it is a file-system root";
        }

        if (Holds(RepositoryRoot.FullPath))
        {
            return $"it holds the repository {RepositoryRoot.FullPath}";
        }

        if (Environment.GetFolderPath(Environment.SpecialFolder.UserProfile) is { Length: > 0 } home && Holds(home))
        {
            return $"it holds the home folder {home}";
        }

        return Holds(Environment.CurrentDirectory) ? $"it holds the current directory {Environment.CurrentDirectory}" : null;
    }
}
