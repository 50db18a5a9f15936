using GeoStore.Abstractions.Messages;
using GeoStore.Core.Replication;
using GeoStore.Core.Versioning;

namespace GeoStore.Grains.Registers;

public sealed partial class RegisterGrain
{
    public async Task<WriteResult> Write(WriteCommand command)
    {
        var current = state.State.Current;
        if (!WriteConditions.Holds(command.Condition, current))
        {
            return new WriteResult(WriteStatus.PreconditionFailed, current?.Version, _key.Region, _shard, 0);
        }

        var policy = await PolicyAsync();
        var version = new WriteVersion(NextTimestamp(), _key.Region);
        var value = new VersionedValue(version, command.Value, command.Value is null ? null : command.ContentType);
        var seen = Seen.With(version);
        var entry = new LogEntry(0, _key.Region, _key.Keyspace, _key.Key, value, Route: ReplicationRoute.For(policy), Seen: seen);

        // Write-ahead: the log holds the entry before the register changes or anyone is told.
        var sequence = await Log.Append(entry);

        state.State.Current = value;
        state.State.Seen = seen;
        await PersistAsync();
        metrics.RecordWrite(_key.Region, _key.Keyspace);
        NotifyWaiters();
        return new WriteResult(WriteStatus.Applied, version, _key.Region, _shard, sequence, seen);
    }
}
