using System.Diagnostics;
using GeoStore.AppHost.Model;
using GeoStore.AppHost.Output;

namespace GeoStore.AppHost.Processes;

/// <summary>
/// One running child process: a project started as <c>dotnet &lt;project output&gt;</c> in its project's
/// directory, or an executable as declared; its output lines forwarded with a <c>[name] </c> prefix.
/// </summary>
internal sealed class SupervisedProcess : IDisposable
{
    // Output still buffered when the process ends is forwarded, but a grandchild holding the pipe open must not stall us.
    private static readonly TimeSpan OutputDrainTimeout = TimeSpan.FromSeconds(2);

    private readonly Process _process;
    private readonly Task _stdout;
    private readonly Task _stderr;

    private SupervisedProcess(Resource resource, Process process, ConsoleOutput console, ResourceLogs logs)
    {
        Resource = resource;
        _process = process;
        Pid = process.Id;
        var prefix = $"[{resource.Name}] ";
        _stdout = ForwardAsync(process.StandardOutput, line =>
        {
            logs.Append(resource, line, error: false);
            console.WriteLine(prefix + line);
        });
        _stderr = ForwardAsync(process.StandardError, line =>
        {
            logs.Append(resource, line, error: true);
            console.WriteErrorLine(prefix + line);
        });
        Exit = WaitForExitAsync();
    }

    public Resource Resource { get; }

    public int Pid { get; }

    /// <summary>Completes with the exit code once the process has ended and its output is forwarded.</summary>
    public Task<int> Exit { get; }

    public static SupervisedProcess Start(Resource resource, ConsoleOutput console, ResourceLogs logs)
    {
        var startInfo = StartInfoFor(resource);
        startInfo.UseShellExecute = false;
        startInfo.RedirectStandardInput = true;
        startInfo.RedirectStandardOutput = true;
        startInfo.RedirectStandardError = true;
        foreach (var (name, value) in resource.Environment)
        {
            startInfo.Environment[name] = value;
        }

        var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"Could not start {startInfo.FileName} for '{resource.Name}'.");

        // Children never read the terminal; closing stdin keeps them from competing with the AppHost for it.
        process.StandardInput.Close();
        return new SupervisedProcess(resource, process, console, logs);
    }

    /// <summary>Asks the process to stop (SIGTERM); false when that is not possible here.</summary>
    public bool RequestStop() => !_process.HasExited && PosixSignals.Terminate(Pid);

    /// <summary>Ends the process and everything it started, at once.</summary>
    public void KillTree()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It ended on its own in the meantime.
        }
    }

    public void Dispose() => _process.Dispose();

    private async Task<int> WaitForExitAsync()
    {
        await _process.WaitForExitAsync();
        try
        {
            await Task.WhenAll(_stdout, _stderr).WaitAsync(OutputDrainTimeout);
        }
        catch (TimeoutException)
        {
        }

        return _process.ExitCode;
    }

    // A project runs on the dotnet host that runs the AppHost; an executable is run as declared.
    private static ProcessStartInfo StartInfoFor(Resource resource)
    {
        switch (resource)
        {
            case ProjectResource project:
                var dotnet = new ProcessStartInfo(DotNetHost.Path) { WorkingDirectory = project.Project.ProjectDirectory };
                dotnet.ArgumentList.Add(project.Project.OutputPath);
                return dotnet;
            case ExecutableResource executable:
                var program = new ProcessStartInfo(executable.Command) { WorkingDirectory = executable.WorkingDirectory };
                foreach (var argument in executable.Arguments)
                {
                    program.ArgumentList.Add(argument);
                }

                return program;
            default:
                throw new InvalidOperationException($"'{resource.Name}' is a {resource.GetType().Name}, which the AppHost cannot run.");
        }
    }

    private static async Task ForwardAsync(StreamReader reader, Action<string> write)
    {
        try
        {
            while (await reader.ReadLineAsync() is { } line)
            {
                write(line);
            }
        }
        catch (IOException)
        {
            // The pipe broke as the process died: nothing more to forward.
        }
        catch (ObjectDisposedException)
        {
        }
    }
}
