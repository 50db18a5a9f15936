using System.Diagnostics.CodeAnalysis;

namespace GeoStore.Core.Quorum;

/// <summary>
/// The quorum settings of a Leaderless keyspace: N replicas, W acks per write, R answers per read.
/// <paramref name="Linearizable"/> asks for ABD reads (write-back before answering), which only
/// means something when every read quorum meets every write quorum (W+R&gt;N);
/// <paramref name="Sloppy"/> lets stand-in regions take writes for unreachable replicas (hinted handoff).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record QuorumPolicy(
    [property: Id(0)] int N,
    [property: Id(1)] int W,
    [property: Id(2)] int R,
    [property: Id(3)] bool Linearizable = false,
    [property: Id(4)] bool Sloppy = false)
{
    /// <summary>True when every W-set of replicas shares at least one replica with every R-set.</summary>
    public bool Overlaps => W + R > N;

    /// <summary>N replicas with majority writes and reads: floor(N/2)+1 each.</summary>
    public static QuorumPolicy Majorities(int n, bool linearizable = false) =>
        new(n, QuorumLevels.Majority(n), QuorumLevels.Majority(n), linearizable);

    /// <summary>Every problem with this policy, keyed by the field it concerns (empty when valid).</summary>
    public IReadOnlyDictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, List<string>>();
        void Add(string field, string message)
        {
            if (!errors.TryGetValue(field, out var list))
            {
                errors[field] = list = [];
            }

            list.Add(message);
        }

        if (N < 1)
        {
            Add("n", $"n is the number of replicas and at least 1; got {N}.");
        }

        if (W < 1 || W > Math.Max(N, 1))
        {
            Add("w", $"w is between 1 and n = {N}; got {W}.");
        }

        if (R < 1 || R > Math.Max(N, 1))
        {
            Add("r", $"r is between 1 and n = {N}; got {R}.");
        }

        if (Linearizable && !Overlaps)
        {
            Add("linearizable", $"A linearizable keyspace needs w + r > n so every read meets the latest write; w = {W}, r = {R}, n = {N}.");
        }

        // Stand-ins outside the N replicas can hold a write that no read quorum asks, so overlap no longer holds.
        if (Linearizable && Sloppy)
        {
            Add("sloppy", "A linearizable keyspace cannot use sloppy quorums: writes held by stand-in regions are not seen by strict read quorums.");
        }

        return errors.ToDictionary(e => e.Key, e => e.Value.ToArray());
    }

    /// <summary>
    /// The levels one request runs with: its own <paramref name="w"/> and <paramref name="r"/> where
    /// given, this policy's otherwise. A request may lower or raise them within 1..N, but on a
    /// linearizable keyspace it may only raise them: a write and a read are different requests, so
    /// each must keep the overlap with the other's policy level (a w=1 write and an r=1 read would
    /// each overlap the policy, and not each other).
    /// </summary>
    public bool TryWithRequest(
        int? w,
        int? r,
        [NotNullWhen(true)] out QuorumPolicy? effective,
        [NotNullWhen(false)] out string? error)
    {
        effective = null;
        if (w is { } ww && (ww < 1 || ww > N))
        {
            error = $"w must be from 1 to {N}; got {ww}.";
            return false;
        }

        if (r is { } rr && (rr < 1 || rr > N))
        {
            error = $"r must be from 1 to {N}; got {rr}.";
            return false;
        }

        var candidate = this with { W = w ?? W, R = r ?? R };
        if (Linearizable && (candidate.W < W || candidate.R < R))
        {
            error = $"This keyspace is linearizable, so every write must meet every read: a request may raise w or r, not lower them below the keyspace's w = {W} and r = {R}; got w = {candidate.W}, r = {candidate.R}.";
            return false;
        }

        effective = candidate;
        error = null;
        return true;
    }

    /// <summary>As <see cref="TryWithRequest"/>, for levels already checked; throws <see cref="ArgumentException"/> otherwise.</summary>
    public QuorumPolicy WithRequest(int? w, int? r) =>
        TryWithRequest(w, r, out var effective, out var error) ? effective : throw new ArgumentException(error);
}
