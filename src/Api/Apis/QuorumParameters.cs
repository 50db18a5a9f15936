using GeoStore.Abstractions.Messages;
using GeoStore.Api.Problems;
using GeoStore.Core.Keyspaces;
using GeoStore.Core.Quorum;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GeoStore.Api.Apis;

/// <summary>
/// The per-request <c>w</c> and <c>r</c> of Leaderless keyspaces (<c>one</c>, <c>quorum</c>,
/// <c>all</c> or a number), checked against the keyspace before any grain is called, and the
/// headers that say which replicas an answer reached.
/// </summary>
public static class QuorumParameters
{
    /// <summary>The level the operation ran with: <c>w=2</c> or <c>r=1</c>.</summary>
    public const string QuorumHeader = "GeoStore-Quorum";

    /// <summary>The replicas that stored the write (or answered the read), comma separated.</summary>
    public const string ReplicasHeader = "GeoStore-Replicas";

    /// <summary>Unreachable replicas a hint is held for in the coordinator's region (sloppy keyspaces).</summary>
    public const string HintedHeader = "GeoStore-Hinted";

    /// <summary>Replicas that could not be reached or did not answer before the answer went out.</summary>
    public const string UnreachedHeader = "GeoStore-Unreached";

    /// <summary>Replicas a read found stale and sent the newest state.</summary>
    public const string RepairedHeader = "GeoStore-Repaired";

    /// <summary>
    /// The count <paramref name="text"/>, the request's <paramref name="parameter"/>
    /// (<see cref="QuorumLevels.Write"/> or <see cref="QuorumLevels.Read"/>), asks for; null when
    /// the request names none. A repeated parameter arrives comma-joined and is refused.
    /// </summary>
    public static (int? Count, ProblemHttpResult? Problem) Parse(string? text, string parameter, KeyspaceDefinition definition)
    {
        if (text is null)
        {
            return (null, null);
        }

        if (definition.Policy.Quorum is not { } quorum)
        {
            return (null, Problem.InvalidArgument($"{parameter} applies to Leaderless keyspaces; '{definition.Name}' is {definition.Policy.Mode}."));
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            return (null, Problem.InvalidArgument($"{parameter} must be one, quorum, all or a number from 1 to {quorum.N}; got an empty value."));
        }

        var isWrite = parameter == QuorumLevels.Write;
        var policyDefault = isWrite ? quorum.W : quorum.R;
        if (!QuorumLevels.Resolve(parameter, text, quorum.N, policyDefault, out var count, out var error))
        {
            return (null, Problem.InvalidArgument(error + "."));
        }

        return quorum.TryWithRequest(isWrite ? count : null, isWrite ? null : count, out _, out var conflict)
            ? (count, null)
            : (null, Problem.InvalidArgument(conflict));
    }

    /// <summary>Says which replicas <paramref name="answer"/> reached, for the <paramref name="parameter"/> it ran with.</summary>
    public static void Describe(HttpContext http, string parameter, QuorumAnswer? answer)
    {
        if (answer is null)
        {
            return;
        }

        var headers = http.Response.Headers;
        headers[QuorumHeader] = $"{parameter}={answer.Required}";
        headers[ReplicasHeader] = string.Join(",", answer.Acked);
        Set(headers, HintedHeader, answer.Hinted);
        Set(headers, UnreachedHeader, answer.Failed);
        Set(headers, RepairedHeader, answer.Repaired);
    }

    private static void Set(IHeaderDictionary headers, string name, IReadOnlyCollection<string> replicas)
    {
        if (replicas.Count > 0)
        {
            headers[name] = string.Join(",", replicas);
        }
    }
}
