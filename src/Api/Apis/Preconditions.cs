using System.Collections.Immutable;
using GeoStore.Abstractions.Messages;
using Microsoft.Net.Http.Headers;

namespace GeoStore.Api.Apis;

/// <summary>Reads <c>If-Match</c> and <c>If-None-Match</c> into a <see cref="WriteCondition"/>.</summary>
public static class Preconditions
{
    /// <summary>The write condition of a request, or a description of what is wrong with its headers.</summary>
    public static (WriteCondition? Condition, string? Problem) ForWrite(HttpRequest request)
    {
        var ifMatch = request.Headers.IfMatch.ToString();
        var ifNoneMatch = request.Headers.IfNoneMatch.ToString();
        var matchAny = false;
        var tags = ImmutableArray<string>.Empty;

        if (ifMatch.Length > 0)
        {
            if (!EntityTagHeaderValue.TryParseList([ifMatch], out var parsed) || parsed.Count == 0)
            {
                return (null, "If-Match must be '*' or a list of quoted entity tags.");
            }

            matchAny = parsed.Any(t => t.Equals(EntityTagHeaderValue.Any));
            // If-Match uses strong comparison: a weak tag never matches.
            tags = [.. parsed.Where(t => !t.IsWeak && !t.Equals(EntityTagHeaderValue.Any)).Select(t => t.Tag.ToString())];
            if (!matchAny && tags.IsEmpty)
            {
                tags = ["\"\""];
            }
        }

        var noneMatchAny = false;
        if (ifNoneMatch.Length > 0)
        {
            if (ifNoneMatch.Trim() != "*")
            {
                return (null, "On writes, If-None-Match supports only '*' (create if absent).");
            }

            noneMatchAny = true;
        }

        return (new WriteCondition(tags, matchAny, noneMatchAny), null);
    }

    /// <summary>True when a GET's If-None-Match names the current entity tag (weak comparison).</summary>
    public static bool NotModified(HttpRequest request, string currentETag)
    {
        var header = request.Headers.IfNoneMatch.ToString();
        if (header.Length == 0 || !EntityTagHeaderValue.TryParseList([header], out var parsed))
        {
            return false;
        }

        var current = new EntityTagHeaderValue(currentETag);
        return parsed.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Compare(current, useStrongComparison: false));
    }
}
