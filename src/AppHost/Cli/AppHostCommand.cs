using System.CommandLine;
using System.Security.Cryptography;
using GeoStore.AppHost.GeoCluster;
using GeoStore.AppHost.Hosting;
using GeoStore.AppHost.Storage;

namespace GeoStore.AppHost.Cli;

/// <summary>The AppHost's command line: what to launch and how.</summary>
public static class AppHostCommand
{
    /// <summary>The root command; <paramref name="run"/> launches what the parsed options describe and returns the exit code.</summary>
    public static RootCommand Create(Func<DistributedApplicationOptions, GeoClusterOptions, CancellationToken, Task<int>> run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var basePort = new Option<int>("--base-port")
        {
            Description = "Port of the first region's API; the n-th region's API listens on base + n.",
            DefaultValueFactory = _ => GeoClusterOptions.DefaultBasePort,
        };
        var regions = new Option<string>("--regions")
        {
            Description = "Comma-separated region names; the first one holds the primary silo.",
            DefaultValueFactory = _ => string.Join(',', GeoClusterOptions.DefaultRegions),
        };
        var silosPerRegion = new Option<int>("--silos-per-region")
        {
            Description = "Silos in every region.",
            DefaultValueFactory = _ => 1,
        };
        var siloBasePort = new Option<int?>("--silo-base-port")
        {
            Description = "Silo k listens on base + 2k and its gateway on base + 2k + 1. Default: ports free at start.",
        };
        var adminToken = new Option<string?>("--admin-token")
        {
            Description = "Bearer token of the admin API. Default: a random one, printed at start.",
        };
        var manifest = new Option<string?>("--manifest")
        {
            Description = "Keep a JSON file listing every resource (kind, region, endpoints, state, pid) and whether all are ready.",
        };
        var readyTimeout = new Option<int>("--ready-timeout")
        {
            Description = "Seconds to wait for every resource to be ready before reporting the stragglers.",
            DefaultValueFactory = _ => 120,
        };
        var stopTimeout = new Option<int>("--stop-timeout")
        {
            Description = "Seconds a resource may take to stop gracefully before its process tree is killed.",
            DefaultValueFactory = _ => 10,
        };

        var storage = new Option<string>("--storage")
        {
            Description = "Where the silos keep their state. azure: Azure Tables in a local Azurite the AppHost starts "
                + "(installed with `npm ci` from the pinned package.json when missing), so data outlives restarts. "
                + "memory: each silo's memory, quick and gone when it stops; starts no Azurite.",
            DefaultValueFactory = _ => "azure",
        };
        storage.AcceptOnlyFromAmong("azure", "memory");
        var dataDirectory = new Option<string>("--data-dir")
        {
            Description = "Folder where Azurite keeps its data (--storage azure).",
            DefaultValueFactory = _ => AzuriteOptions.DefaultDataDirectory,
        };
        var controlPort = new Option<int?>("--control-port")
        {
            Description = "Port of the resource view and control page (every process, its state, endpoints, restarts and log; stop and start). Default: --base-port - 1 when free, else a free port.",
        };
        var fresh = new Option<bool>("--fresh")
        {
            Description = "Delete Azurite's data folder before starting, so the cluster starts empty (--storage azure).",
        };

        basePort.Validators.Add(r => RequirePort(r, r.GetValueOrDefault<int>()));
        siloBasePort.Validators.Add(r => RequirePort(r, r.GetValueOrDefault<int?>() ?? 1));
        controlPort.Validators.Add(r => RequirePort(r, r.GetValueOrDefault<int?>() ?? 1));
        silosPerRegion.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 1 or > 16)
            {
                r.AddError("--silos-per-region must be between 1 and 16.");
            }
        });
        regions.Validators.Add(r =>
        {
            if (RegionList.Validate(r.GetValueOrDefault<string>()) is { } problem)
            {
                r.AddError(problem);
            }
        });
        dataDirectory.Validators.Add(r =>
        {
            if (string.IsNullOrWhiteSpace(r.GetValueOrDefault<string>()))
            {
                r.AddError("--data-dir must not be empty.");
            }
        });
        adminToken.Validators.Add(r =>
        {
            if (string.IsNullOrWhiteSpace(r.GetValueOrDefault<string?>()))
            {
                r.AddError("--admin-token must not be empty.");
            }
        });
        foreach (var seconds in (Option<int>[])[readyTimeout, stopTimeout])
        {
            seconds.Validators.Add(r =>
            {
                if (r.GetValueOrDefault<int>() < 1)
                {
                    r.AddError($"{r.Option.Name} must be at least 1 second.");
                }
            });
        }

        var command = new RootCommand(
            "Launches a local GeoStore geo-cluster: per region, its silos and one HTTP API, each its own process, "
            + "with their state in Azure Tables in a local Azurite (or in memory with --storage memory). "
            + "Ctrl+C or SIGTERM stops them all.")
        {
            basePort, regions, silosPerRegion, siloBasePort, storage, dataDirectory, fresh, adminToken, manifest, readyTimeout, stopTimeout, controlPort,
        };
        command.Validators.Add(r =>
        {
            // --data-dir has a default, so whether it was given shows in its result, not in its value.
            // Read from the tokens: an invalid --storage value is reported by the option itself.
            if (r.GetResult(storage) is { Tokens: [{ Value: "memory" }] } && (r.GetResult(fresh) is { Implicit: false } || r.GetResult(dataDirectory) is { Implicit: false }))
            {
                r.AddError("--fresh and --data-dir apply to Azurite's data: leave them out with --storage memory.");
            }
        });
        command.SetAction((parse, cancellationToken) =>
        {
            var token = parse.GetValue(adminToken);
            var cluster = new GeoClusterOptions
            {
                Regions = RegionList.Parse(parse.GetValue(regions)),
                SilosPerRegion = parse.GetValue(silosPerRegion),
                BasePort = parse.GetValue(basePort),
                SiloBasePort = parse.GetValue(siloBasePort),
                AdminToken = token ?? Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
                AdminTokenGenerated = token is null,
                Storage = parse.GetValue(storage) == "memory" ? StorageKind.Memory : StorageKind.Azure,
                Azurite = new AzuriteOptions
                {
                    DataDirectory = Path.GetFullPath(parse.GetValue(dataDirectory)!),
                    Fresh = parse.GetValue(fresh),
                },
            };
            var application = new DistributedApplicationOptions
            {
                ManifestPath = parse.GetValue(manifest),
                ControlPort = parse.GetValue(controlPort) ?? ControlPortNear(cluster.BasePort),
                ControlToken = cluster.AdminToken,
                ReadyTimeout = TimeSpan.FromSeconds(parse.GetValue(readyTimeout)),
                StopTimeout = TimeSpan.FromSeconds(parse.GetValue(stopTimeout)),
            };
            if (cluster.BasePort + cluster.Regions.Count - 1 > 65535 || cluster.SiloBasePort + (2 * cluster.SiloCount) - 1 > 65535)
            {
                parse.InvocationConfiguration.Error.WriteLine("The port range runs past 65535: lower --base-port or --silo-base-port.");
                return Task.FromResult(1);
            }

            return run(application, cluster, cancellationToken);
        });
        return command;
    }

    /// <summary>The port just below the APIs' when it is free, else any free one.</summary>
    private static int ControlPortNear(int basePort)
    {
        if (basePort > 1)
        {
            try
            {
                var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, basePort - 1);
                listener.Start();
                listener.Stop();
                return basePort - 1;
            }
            catch (System.Net.Sockets.SocketException)
            {
            }
        }

        return FreePorts.Take(1)[0];
    }

    private static void RequirePort(System.CommandLine.Parsing.OptionResult result, int port)
    {
        if (port is < 1 or > 65535)
        {
            result.AddError($"{result.Option.Name} must be a port between 1 and 65535.");
        }
    }
}
