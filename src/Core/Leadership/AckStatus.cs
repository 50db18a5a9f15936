namespace GeoStore.Core.Leadership;

/// <summary>Where a write stands against its keyspace's <see cref="AckRequirement"/>.</summary>
public enum AckStatus
{
    /// <summary>Not yet enough followers; keep waiting until the timeout.</summary>
    Waiting,

    /// <summary>The requirement is met (or a SemiSync write fell back to Async; see <see cref="WriteReach.Degraded"/>).</summary>
    Acknowledged,

    /// <summary>The timeout passed without the requirement being met, and the policy does not fall back.</summary>
    Failed,
}
