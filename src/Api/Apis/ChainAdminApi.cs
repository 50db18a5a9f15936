using GeoStore.Abstractions.Catalog;
using GeoStore.Abstractions.Errors;
using GeoStore.Abstractions.Grains;
using GeoStore.Api.Problems;
using GeoStore.Core.Chain;
using GeoStore.Core.Keyspaces;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GeoStore.Api.Apis;

/// <summary>
/// The chain of a Chain keyspace under <c>/v1/admin/keyspaces/{name}/chain</c>: see it, remove a
/// member by hand, append a region (a new one, or one removed after a failure, which copies each
/// key again from its predecessor as it is used).
/// </summary>
public static class ChainAdminApi
{
    /// <summary>How often a change is tried again when another reconfiguration wins the compare-and-set.</summary>
    public const int Attempts = 3;

    public static IEndpointRouteBuilder MapChainAdminApi(this IEndpointRouteBuilder app)
    {
        var chain = app.MapGroup("/v1/admin/keyspaces/{name}/chain").WithTags("Admin").AddEndpointFilter<AdminAuthorization>();
        chain.MapGet("/", GetChain).WithSummary("The chain of a Chain keyspace: version, members head first, when each joined.");
        chain.MapPost("/members/{region}", AppendMember).WithSummary("Append a region to the chain as its new tail.");
        chain.MapDelete("/members/{region}", RemoveMember).WithSummary("Remove a member from the chain.");
        return app;
    }

    public static async Task<Results<Ok<ChainView>, ProblemHttpResult>> GetChain(string name, IClusterClient client, ControlPlane controlPlane, KeyspaceCache keyspaces, CancellationToken cancellationToken)
    {
        var (definition, problem) = await ChainKeyspace(name, keyspaces, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var chain = await client.GetGrain<IKeyspaceCatalogGrain>(controlPlane.Key).GetChain(name).WaitAsync(cancellationToken);
        return TypedResults.Ok(ChainView.From(name, definition!.Policy, chain!));
    }

    public static Task<Results<Ok<ChainView>, ProblemHttpResult>> AppendMember(string name, string region, IClusterClient client, ControlPlane controlPlane, KeyspaceCache keyspaces, CancellationToken cancellationToken) =>
        Reconfigure(name, region, client, controlPlane, keyspaces, chain =>
            chain.Contains(region) ? $"Region '{region}' is already a member of the chain {chain}." : null,
            chain => chain.WithAppended(region), cancellationToken);

    public static Task<Results<Ok<ChainView>, ProblemHttpResult>> RemoveMember(string name, string region, IClusterClient client, ControlPlane controlPlane, KeyspaceCache keyspaces, CancellationToken cancellationToken) =>
        Reconfigure(name, region, client, controlPlane, keyspaces, chain =>
            !chain.Contains(region) ? $"Region '{region}' is not a member of the chain {chain}."
            : chain.Length == 1 ? $"Region '{region}' is the only member of the chain; removing it would leave no region holding the data."
            : null,
            chain => chain.Without(region), cancellationToken);

    private static async Task<Results<Ok<ChainView>, ProblemHttpResult>> Reconfigure(
        string name,
        string region,
        IClusterClient client,
        ControlPlane controlPlane,
        KeyspaceCache keyspaces,
        Func<ChainConfiguration, string?> refuse,
        Func<ChainConfiguration, ChainConfiguration> change,
        CancellationToken cancellationToken)
    {
        var (definition, problem) = await ChainKeyspace(name, keyspaces, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        if (!definition!.Policy.IsReplicaIn(region))
        {
            var stranger = $"Region '{region}' is not one of the regions of '{name}': {string.Join(", ", definition.Policy.Regions)}.";
            return Problem.InvalidArgument(stranger, new Dictionary<string, string[]> { ["region"] = [stranger] });
        }

        var catalog = client.GetGrain<IKeyspaceCatalogGrain>(controlPlane.Key);
        for (var attempt = 1; ; attempt++)
        {
            var current = await catalog.GetChain(name).WaitAsync(cancellationToken) ?? throw new KeyspaceNotFoundException(name);
            if (refuse(current.Configuration) is { } refusal)
            {
                return Problem.InvalidArgument(refusal, new Dictionary<string, string[]> { ["region"] = [refusal] });
            }

            var next = await catalog.ReconfigureChain(name, current.Version, change(current.Configuration)).WaitAsync(cancellationToken);
            if (next.Version == current.Version + 1 || attempt == Attempts)
            {
                await keyspaces.RefreshAsync(cancellationToken);
                return TypedResults.Ok(ChainView.From(name, definition.Policy, next));
            }
        }
    }

    /// <summary>The keyspace exists and is a Chain keyspace: checked before the catalog is asked for its chain.</summary>
    private static async ValueTask<(KeyspaceDefinition? Definition, ProblemHttpResult? Problem)> ChainKeyspace(string name, KeyspaceCache keyspaces, CancellationToken cancellationToken)
    {
        if (KeyspaceValidator.ValidateName(name) is { } nameProblem)
        {
            return (null, Problem.InvalidKeyspace(nameProblem));
        }

        await keyspaces.RefreshAsync(cancellationToken);
        return keyspaces.Snapshot.Find(name) switch
        {
            null => (null, Problem.KeyspaceNotFound(name)),
            { Policy.Mode: not ReplicationMode.Chain } other => (null, Problem.InvalidArgument(
                $"Keyspace '{name}' is {other.Policy.Mode}; only a Chain keyspace has a chain.",
                new Dictionary<string, string[]> { ["mode"] = [$"'{other.Policy.Mode}' is not Chain."] })),
            var chain => (chain, null),
        };
    }
}
