using Shouldly;

namespace GeoStore.Core.Tests.Chain;

/// <summary>What the properties check of a <see cref="ChainSimulation"/>, after any step or once every message is delivered.</summary>
internal sealed partial class ChainSimulation
{
    /// <summary>Each member holds a prefix of its predecessor's history, so all apply updates in one order.</summary>
    public void AssertPrefixes()
    {
        foreach (var region in Configuration.Members)
        {
            var member = members[region];
            member.State.ReceivedThrough.ShouldBe(member.History.Count, $"{region}'s state and history disagree\n{Trace}");
            if (Configuration.Predecessor(region) is { } predecessor)
            {
                var before = members[predecessor].History;
                member.History.Count.ShouldBeLessThanOrEqualTo(before.Count, $"{region} is ahead of its predecessor {predecessor}\n{Trace}");
                member.History.ShouldBe(before.Take(member.History.Count), $"{region}'s history is no prefix of {predecessor}'s\n{Trace}");
            }
        }
    }

    /// <summary>Every member that may answer reads holds every acknowledged write at its sequence number.</summary>
    public void AssertReadersHoldEveryAcknowledgedWrite()
    {
        foreach (var region in Configuration.Members.Where(r => members[r].State.ServesReads))
        {
            HoldsEveryAcknowledgedWrite(region);
        }
    }

    /// <summary>
    /// A read of every key at the tail, and a CRAQ read at every other member that serves reads
    /// (asking the tail for the committed version when the key is dirty there), returns the newest
    /// acknowledged write of the key: reads are instantaneous here, so that is linearizability.
    /// </summary>
    public void AssertReadsReturnTheNewestAcknowledgedWrite()
    {
        var tail = members[Configuration.Tail];
        if (!tail.State.ServesReads)
        {
            return;
        }

        foreach (var key in Keys)
        {
            var expected = newestAcknowledged.GetValueOrDefault(key);
            var atTail = tail.Keys[key].ReadLocally();
            atTail.MustAskTail.ShouldBeFalse($"the tail never holds an uncommitted version\n{Trace}");
            atTail.Value.ShouldBe(expected?.Id, $"tail read of {key}\n{Trace}");

            foreach (var region in Configuration.Members.Where(r => members[r].State.ServesReads))
            {
                var state = members[region].Keys[key];
                var read = state.ReadLocally();
                if (read.MustAskTail)
                {
                    read = state.ReadAt(tail.Keys[key].CommittedVersion);
                }

                read.Value.ShouldBe(expected?.Id, $"CRAQ read of {key} at {region}\n{Trace}");
                read.Version.ShouldBe(expected?.Sequence ?? 0, $"CRAQ read of {key} at {region}\n{Trace}");
            }
        }
    }

    /// <summary>After <see cref="DeliverEverything"/>: nothing acknowledged is lost and every member holds the same, fully acknowledged history.</summary>
    public void AssertQuiescentChainHoldsEveryAcknowledgedWrite()
    {
        var head = members[Configuration.Head];
        foreach (var region in Configuration.Members)
        {
            HoldsEveryAcknowledgedWrite(region);
            var member = members[region];
            member.History.ShouldBe(head.History, $"{region} ends with another history than the head\n{Trace}");
            member.State.AcknowledgedThrough.ShouldBe(member.State.ReceivedThrough, $"{region} still waits for acknowledgements\n{Trace}");
            member.State.Sent.ShouldBeEmpty();
            member.State.ServesReads.ShouldBeTrue($"{region} never caught up\n{Trace}");
            Keys.ShouldAllBe(key => member.Keys[key].IsClean, $"{region} keeps dirty versions\n{Trace}");
        }

        // Every write that reached the chain's survivors was acknowledged, under one sequence number.
        acknowledged.Keys.ShouldBe(Enumerable.Range(1, acknowledged.Count).Select(i => (long)i));
        head.History.ShouldBe(acknowledged.Values);
    }

    private void HoldsEveryAcknowledgedWrite(string region)
    {
        // Acknowledgements are cumulative, so the acknowledged writes are always 1..n: compare prefixes.
        var history = members[region].History;
        if (history.Count < acknowledged.Count || !history.Take(acknowledged.Count).SequenceEqual(acknowledged.Values))
        {
            var lost = acknowledged.Values.First(w => history.Count < w.Sequence || history[(int)w.Sequence - 1] != w);
            throw new ShouldAssertException($"{region} lost acknowledged write {lost}\n{Trace}");
        }
    }
}
