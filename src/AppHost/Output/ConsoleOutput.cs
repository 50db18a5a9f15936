namespace GeoStore.AppHost.Output;

/// <summary>
/// The AppHost's terminal. Every write is one call on a synchronized writer, so lines forwarded from
/// several children, log lines and tables never interleave mid-line.
/// </summary>
public sealed class ConsoleOutput(TextWriter output, TextWriter error)
{
    public static ConsoleOutput Standard { get; } = new(Console.Out, Console.Error);

    public void WriteLine(string line) => output.WriteLine(line);

    public void WriteErrorLine(string line) => error.WriteLine(line);

    /// <summary>Writes a block of several lines at once.</summary>
    public void WriteBlock(string block) => output.Write(block.EndsWith('\n') ? block : block + Environment.NewLine);
}
