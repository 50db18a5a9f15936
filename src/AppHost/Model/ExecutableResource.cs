namespace GeoStore.AppHost.Model;

/// <summary>Any program, run as <c>Command Arguments…</c> in <see cref="WorkingDirectory"/>, like Aspire's <c>ExecutableResource</c>.</summary>
public class ExecutableResource : Resource
{
    private readonly List<string> _arguments = [];

    public ExecutableResource(string name, string kind, string command, string workingDirectory)
        : base(name, kind)
    {
        ArgumentException.ThrowIfNullOrEmpty(command);
        ArgumentException.ThrowIfNullOrEmpty(workingDirectory);
        Command = command;
        WorkingDirectory = workingDirectory;
    }

    /// <summary>The program: a path, or a name looked up on <c>PATH</c>.</summary>
    public string Command { get; }

    public string WorkingDirectory { get; }

    /// <summary>Its command-line arguments, each passed as is (no shell).</summary>
    public IReadOnlyList<string> Arguments => _arguments;

    internal void AddArguments(IEnumerable<string> arguments) => _arguments.AddRange(arguments);
}
