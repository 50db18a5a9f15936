using GeoStore.Abstractions.Messages;
using GeoStore.Core.Versioning;

namespace GeoStore.Grains.Registers;

/// <summary>Evaluates HTTP-style write preconditions against a register's current version.</summary>
public static class WriteConditions
{
    public static bool Holds(WriteCondition condition, VersionedValue? current)
    {
        var exists = current is { IsTombstone: false };
        if (condition.IfNoneMatchAny && exists)
        {
            return false;
        }

        if (condition.IfMatchAny && !exists)
        {
            return false;
        }

        if (!condition.IfMatch.IsDefaultOrEmpty)
        {
            return exists && condition.IfMatch.Contains(current!.Version.ToETag(), StringComparer.Ordinal);
        }

        return true;
    }
}
