using GeoStore.Core.Chain;
using Shouldly;

namespace GeoStore.Core.Tests.Chain;

/// <summary>
/// A chain of regions driven only through the Chain core: the head takes writes, members forward
/// them over FIFO links to their successors, the tail acknowledges, acknowledgements flow back.
/// A seeded <see cref="Random"/> interleaves writes, deliveries on any link (so links race each
/// other, while each stays FIFO), fail-stop failures of any member but the last full replica, and failed
/// regions rejoining at the tail after copying a prefix of the tail's history. A master
/// reconfigures at once (<see cref="ChainConfiguration.Without"/>, <see cref="ChainConfiguration.WithAppended"/>)
/// and the survivors recover with <see cref="ChainNodeState"/> and <see cref="ChainRecovery"/>.
/// </summary>
/// <remarks>
/// Messages carry their sender's incarnation, and a member accepts updates only from its current
/// predecessor and acknowledgements only from its current successor, as a grain would fence by
/// configuration. Messages to a member that fails are lost; messages it sent may still arrive and
/// are fenced. Every member keeps its history (write id and key per sequence number) and a
/// <see cref="CraqKeyState{T}"/> per key, so reads can be checked too.
/// </remarks>
internal sealed partial class ChainSimulation
{
    public static readonly string[] Keys = ["k1", "k2", "k3"];

    private readonly Random random;
    private readonly Dictionary<string, Member> members = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> incarnations = new(StringComparer.Ordinal);
    private readonly Dictionary<(string From, string To), Queue<Message>> links = [];
    private readonly SortedDictionary<long, Write> acknowledged = [];
    private readonly Dictionary<string, Write> newestAcknowledged = new(StringComparer.Ordinal);
    private readonly List<string> trace = [];
    private int writes;

    public ChainSimulation(int regions, int seed)
    {
        random = new Random(seed);
        Regions = [.. Enumerable.Range(0, regions).Select(i => $"r{i}")];
        Configuration = ChainConfiguration.Initial(Regions);
        foreach (var region in Regions)
        {
            members[region] = new Member(ChainNodeState.Empty(region), 0, [], NewKeys());
            incarnations[region] = 0;
        }
    }

    public IReadOnlyList<string> Regions { get; }

    public ChainConfiguration Configuration { get; private set; }

    /// <summary>Every write the tail has acknowledged, by sequence number: what clients were told is committed.</summary>
    public IReadOnlyDictionary<long, Write> Acknowledged => acknowledged;

    public int HeadFailures { get; private set; }

    public int MiddleFailures { get; private set; }

    public int TailFailures { get; private set; }

    public int Rejoins { get; private set; }

    public int Resent { get; private set; }

    /// <summary>What happened, step by step, for a failure message.</summary>
    public string Trace => string.Join(Environment.NewLine, trace.TakeLast(60));

    public IReadOnlyList<Write> HistoryOf(string region) => members[region].History;

    public ChainNodeState StateOf(string region) => members[region].State;

    /// <summary>One random step: a write, a delivery, a failure or a rejoin.</summary>
    public void Step()
    {
        var roll = random.Next(100);
        if (roll < 35)
        {
            TakeWrite();
        }
        else if (roll < 88)
        {
            DeliverOne();
        }
        else if (roll < 95)
        {
            FailOne();
        }
        else
        {
            RejoinOne();
        }
    }

    /// <summary>Delivers every message still in flight, in random order across links.</summary>
    public void DeliverEverything()
    {
        while (DeliverOne())
        {
        }
    }

    private void TakeWrite()
    {
        var head = Configuration.Head;
        var write = new Write(members[head].State.NextSequence, $"w{++writes}", Keys[random.Next(Keys.Length)]);
        trace.Add($"write {write} at head {head}");
        ApplyAt(head, write);
    }

    private bool DeliverOne()
    {
        var busy = links.Where(l => l.Value.Count > 0).Select(l => l.Key).ToList();
        if (busy.Count == 0)
        {
            return false;
        }

        var (from, to) = busy[random.Next(busy.Count)];
        var message = links[(from, to)].Dequeue();
        var fenced = !members.ContainsKey(to) || message.SenderIncarnation != incarnations[from] || !Configuration.Contains(from)
            || (message.Update is null ? Configuration.Successor(to) != from : Configuration.Predecessor(to) != from);
        trace.Add($"{(fenced ? "drop" : "deliver")} {from} -> {to}: {(message.Update is { } u ? $"update {u}" : $"ack {message.AcknowledgedThrough}")}");
        if (fenced)
        {
            return true;
        }

        if (message.Update is { } update)
        {
            Receive(to, update);
        }
        else
        {
            Acknowledge(to, message.AcknowledgedThrough);
        }

        return true;
    }

    private void Receive(string region, Write update)
    {
        var member = members[region];
        switch (member.State.Classify(update.Sequence))
        {
            case ChainArrival.Next:
                ApplyAt(region, update);
                break;
            case ChainArrival.Duplicate:
                member.History[(int)update.Sequence - 1].ShouldBe(update, $"{region} got two writes with sequence {update.Sequence}\n{Trace}");
                break;
            default:
                throw new ShouldAssertException($"{region} holding {member.State.ReceivedThrough} got {update}: a gap on a FIFO link\n{Trace}");
        }
    }

    private void ApplyAt(string region, Write write)
    {
        var member = members[region];
        var isTail = Configuration.IsTail(region);
        member.State = member.State.Apply(write.Sequence, isTail);
        member.History.Add(write);
        member.Keys[write.Key] = member.Keys[write.Key].Apply(write.Sequence, write.Id);
        if (isTail)
        {
            CommitAt(member);
            RecordAcknowledged(write);
            SendAcknowledgement(region, write.Sequence);
        }
        else
        {
            Send(region, Configuration.Successor(region)!, new Message(write, 0, member.Incarnation));
        }
    }

    private void Acknowledge(string region, long throughSequence)
    {
        var member = members[region];
        var before = member.State.AcknowledgedThrough;
        member.State = member.State.Acknowledge(throughSequence);
        CommitAt(member);
        if (member.State.AcknowledgedThrough > before)
        {
            SendAcknowledgement(region, member.State.AcknowledgedThrough);
        }
    }

    private void FailOne()
    {
        // "Never all fail": a joiner still copying holds no full replica, so the last member that
        // holds every acknowledged write stays up, as the last member of a chain would.
        var old = Configuration;
        var caughtUp = old.Members.Where(r => members[r].State.ServesReads).ToList();
        var candidates = old.Members.Where(r => caughtUp.Count > 1 || caughtUp[0] != r).ToList();
        if (candidates.Count == 0)
        {
            return;
        }

        var failed = candidates[random.Next(candidates.Count)];
        Configuration = old.Without(failed);
        members.Remove(failed);
        foreach (var link in links.Keys.Where(l => l.To == failed))
        {
            links[link].Clear();
        }

        trace.Add($"fail {failed}: {old} => {Configuration}");
        if (old.IsHead(failed))
        {
            HeadFailures++;
            // Writes only the old head held were never acknowledged; nothing to resend.
            return;
        }

        var predecessor = old.Predecessor(failed)!;
        var before = members[predecessor];
        if (old.IsTail(failed))
        {
            TailFailures++;
            var newlyAcknowledged = ChainRecovery.AcknowledgedByNewTail(before.State);
            newlyAcknowledged.ShouldBe(before.State.Sent);
            before.State = before.State.BecomeTail();
            CommitAt(before);
            foreach (var sequence in newlyAcknowledged)
            {
                RecordAcknowledged(before.History[(int)sequence - 1]);
            }

            trace.Add($"{predecessor} becomes the tail and acknowledges [{string.Join(", ", newlyAcknowledged)}]");
            if (newlyAcknowledged.Count > 0)
            {
                SendAcknowledgement(predecessor, before.State.ReceivedThrough);
            }

            return;
        }

        MiddleFailures++;

        // The new successor reports what it holds and what it knows acknowledged, then the predecessor resends.
        var successor = members[old.Successor(failed)!];
        Acknowledge(predecessor, successor.State.AcknowledgedThrough);
        var resend = before.State.ResendTo(successor.State.ReceivedThrough);
        var paperRule = ChainRecovery.Resend(before.State.Sent, successor.State.ReceivedThrough);
        if (successor.State.ReceivedThrough >= before.State.AcknowledgedThrough)
        {
            resend.ShouldBe(paperRule, $"a middle failure resends exactly the Sent updates the successor lacks\n{Trace}");
        }
        else
        {
            // Only a joiner still copying can lack acknowledged updates; it gets those too.
            successor.State.ServesReads.ShouldBeFalse($"{successor.State.Region} lacks acknowledged updates but serves reads\n{Trace}");
            paperRule.ShouldBeSubsetOf(resend);
        }

        ResendFrom(predecessor, successor.State.Region, resend);
    }

    private void RejoinOne()
    {
        var dead = Regions.Where(r => !members.ContainsKey(r)).ToList();
        if (dead.Count == 0)
        {
            return;
        }

        var region = dead[random.Next(dead.Count)];
        var tailRegion = Configuration.Tail;
        var tail = members[tailRegion];
        // The copy may lag the tail: the tail keeps taking writes while a joiner copies its history.
        var transferred = random.Next(0, (int)tail.State.ReceivedThrough + 1);
        var incarnation = ++incarnations[region];
        var joiner = new Member(ChainNodeState.Joining(region, transferred, tail.State), incarnation, [.. tail.History.Take(transferred)], NewKeys());
        foreach (var write in joiner.History)
        {
            joiner.Keys[write.Key] = joiner.Keys[write.Key].Apply(write.Sequence, write.Id);
        }

        CommitAt(joiner);
        members[region] = joiner;
        var old = Configuration;
        Configuration = old.WithAppended(region);
        Rejoins++;
        trace.Add($"rejoin {region} with {transferred} of {tailRegion}'s {tail.State.ReceivedThrough}: {old} => {Configuration}");
        ResendFrom(tailRegion, region, tail.State.ResendTo(transferred));
    }

    private void ResendFrom(string from, string to, IReadOnlyList<long> sequences)
    {
        var sender = members[from];
        trace.Add($"{from} resends [{string.Join(", ", sequences)}] to {to}");
        foreach (var sequence in sequences)
        {
            Send(from, to, new Message(sender.History[(int)sequence - 1], 0, sender.Incarnation));
        }

        Resent += sequences.Count;
    }

    private void RecordAcknowledged(Write write)
    {
        if (acknowledged.TryGetValue(write.Sequence, out var earlier))
        {
            earlier.ShouldBe(write, $"sequence {write.Sequence} acknowledged for two writes\n{Trace}");
            return;
        }

        acknowledged[write.Sequence] = write;
        if (!newestAcknowledged.TryGetValue(write.Key, out var newest) || newest.Sequence < write.Sequence)
        {
            newestAcknowledged[write.Key] = write;
        }
    }

    private void SendAcknowledgement(string region, long throughSequence)
    {
        if (Configuration.Predecessor(region) is { } predecessor)
        {
            Send(region, predecessor, new Message(null, throughSequence, members[region].Incarnation));
        }
    }

    private void Send(string from, string to, Message message)
    {
        if (!links.TryGetValue((from, to), out var queue))
        {
            links[(from, to)] = queue = new Queue<Message>();
        }

        queue.Enqueue(message);
    }

    private static void CommitAt(Member member)
    {
        foreach (var key in Keys)
        {
            member.Keys[key] = member.Keys[key].Commit(member.State.AcknowledgedThrough);
        }
    }

    private static Dictionary<string, CraqKeyState<string>> NewKeys() =>
        Keys.ToDictionary(k => k, _ => CraqKeyState<string>.Empty, StringComparer.Ordinal);

    public sealed record Write(long Sequence, string Id, string Key)
    {
        public override string ToString() => $"#{Sequence} {Id} ({Key})";
    }

    private sealed record Message(Write? Update, long AcknowledgedThrough, int SenderIncarnation);

    private sealed class Member(ChainNodeState state, int incarnation, List<Write> history, Dictionary<string, CraqKeyState<string>> keys)
    {
        public ChainNodeState State { get; set; } = state;

        public int Incarnation { get; } = incarnation;

        public List<Write> History { get; } = history;

        public Dictionary<string, CraqKeyState<string>> Keys { get; } = keys;
    }
}
