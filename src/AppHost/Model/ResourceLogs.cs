using System.Collections.Concurrent;

namespace GeoStore.AppHost.Model;

/// <summary>The last lines each resource printed (standard output and error), kept for the resource view.</summary>
public sealed class ResourceLogs
{
    /// <summary>Lines kept per resource; older ones are dropped.</summary>
    public const int Kept = 300;

    private readonly ConcurrentDictionary<string, Queue<ResourceLogLine>> _lines = new(StringComparer.Ordinal);

    public void Append(Resource resource, string line, bool error)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var queue = _lines.GetOrAdd(resource.Name, _ => new Queue<ResourceLogLine>());
        lock (queue)
        {
            queue.Enqueue(new ResourceLogLine(DateTimeOffset.UtcNow, line, error));
            while (queue.Count > Kept)
            {
                queue.Dequeue();
            }
        }
    }

    /// <summary>The last <paramref name="count"/> lines of <paramref name="resource"/>, oldest first.</summary>
    public IReadOnlyList<ResourceLogLine> Recent(Resource resource, int count)
    {
        ArgumentNullException.ThrowIfNull(resource);
        if (!_lines.TryGetValue(resource.Name, out var queue))
        {
            return [];
        }

        lock (queue)
        {
            return [.. queue.Skip(Math.Max(0, queue.Count - count))];
        }
    }
}

/// <summary>One line a resource printed, when the AppHost read it, and whether it came on standard error.</summary>
public sealed record ResourceLogLine(DateTimeOffset At, string Text, bool Error);
