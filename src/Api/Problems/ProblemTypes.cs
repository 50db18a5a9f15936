namespace GeoStore.Api.Problems;

/// <summary>
/// The stable <c>type</c> URIs of GeoStore's RFC 9457 problem details. Clients branch on these,
/// so they never change meaning; new cases get new URIs.
/// </summary>
public static class ProblemTypes
{
    public const string Base = "https://geostore.dev/problems/";

    public const string InvalidKey = Base + "invalid-key";
    public const string InvalidKeyspace = Base + "invalid-keyspace";
    public const string InvalidArgument = Base + "invalid-argument";
    public const string TooLarge = Base + "too-large";
    public const string KeyspaceNotFound = Base + "keyspace-not-found";
    public const string KeyNotFound = Base + "key-not-found";
    public const string PreconditionFailed = Base + "precondition-failed";
    public const string RegionUnavailable = Base + "region-unavailable";
    public const string StaleRead = Base + "stale-read";
    public const string QuorumNotMet = Base + "quorum-not-met";
    public const string Fenced = Base + "fenced";
    public const string ReplicationNotMet = Base + "replication-not-met";
    public const string FailoverConflict = Base + "failover-conflict";
    public const string FailoverRefused = Base + "failover-refused";
    public const string NoProcessControl = Base + "no-process-control";
    public const string AppHostUnavailable = Base + "apphost-unavailable";
    public const string ChainUnavailable = Base + "chain-unavailable";
    public const string TooManySiblings = Base + "too-many-siblings";
    public const string InvalidOperation = Base + "invalid-operation";
    public const string Unauthorized = Base + "unauthorized";
    public const string Internal = Base + "internal";
}
