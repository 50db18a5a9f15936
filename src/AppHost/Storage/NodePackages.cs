using System.ComponentModel;
using System.Diagnostics;
using GeoStore.AppHost.Model;
using GeoStore.AppHost.Output;
using GeoStore.AppHost.Processes;
using Microsoft.Extensions.Logging;

namespace GeoStore.AppHost.Storage;

/// <summary>Installs the Node packages that package.json and package-lock.json pin, exactly, with <c>npm ci</c>.</summary>
public static class NodePackages
{
    public static readonly IReadOnlyList<string> InstallArguments = ["ci", "--no-audit", "--no-fund"];

    private const string OutputPrefix = "[npm] ";

    /// <summary>Runs <c>npm ci --no-audit --no-fund</c> in <paramref name="directory"/>, its output forwarded as <c>[npm] …</c>.</summary>
    /// <exception cref="ResourceStartException">npm is not on PATH, or it failed.</exception>
    public static async Task InstallAsync(string directory, ConsoleOutput console, ILogger logger, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(logger);
        var command = $"npm {string.Join(' ', InstallArguments)}";
        var npm = ExecutableSearch.Find("npm")
            ?? throw new ResourceStartException($"`{command}` is needed in {directory}, but npm is not on PATH: install Node.js 20 or later with npm, or run with --storage memory.");

        var start = new ProcessStartInfo(npm)
        {
            WorkingDirectory = directory,
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in InstallArguments)
        {
            start.ArgumentList.Add(argument);
        }

        logger.Installing(command, directory);
        var clock = Stopwatch.StartNew();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Forward(e.Data, console.WriteLine);
        process.ErrorDataReceived += (_, e) => Forward(e.Data, console.WriteErrorLine);
        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            throw new ResourceStartException($"`{command}` could not be started in {directory}: {ex.Message}", ex);
        }

        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // The AppHost is stopping: a half-done install must not outlive it.
            process.Kill(entireProcessTree: true);
            throw;
        }

        if (process.ExitCode != 0)
        {
            throw new ResourceStartException(
                $"`{command}` in {directory} failed with exit code {process.ExitCode} (its output is above): fix that and run again, or run with --storage memory.");
        }

        logger.Installed(command, clock.Elapsed.TotalSeconds);
    }

    private static void Forward(string? line, Action<string> write)
    {
        if (line is not null)
        {
            write(OutputPrefix + line);
        }
    }
}
