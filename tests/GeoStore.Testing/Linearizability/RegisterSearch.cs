namespace GeoStore.Testing.Linearizability;

/// <summary>
/// One run of the Wing–Gong–Lowe search over a register history that holds only completed operations and
/// indeterminate writes. Entries (calls and returns, in time order) form a doubly linked list over arrays;
/// linearizing an operation lifts its call and return out of the list, backtracking puts them back
/// (dancing links, so restores happen in reverse order of removal).
/// </summary>
internal sealed class RegisterSearch
{
    private const int Head = 0;
    private const int Absent = 0;

    private readonly IReadOnlyList<RegisterOperation> operations;
    private readonly int maxStates;
    private readonly int initial;
    private readonly string?[] valueNames;
    private readonly int[] values;
    private readonly bool[] writes;
    private readonly bool[] definite;
    private readonly int definiteCount;
    private readonly int tail;
    private readonly int[] next;
    private readonly int[] prev;
    private readonly int[] operationOf;
    private readonly int[] match;

    private List<int> deepest = [];
    private int deepestValue;
    private int blocked = -1;
    private List<int> candidates = [];

    public RegisterSearch(IReadOnlyList<RegisterOperation> operations, string? initialValue, int maxStates)
    {
        this.operations = operations;
        this.maxStates = maxStates;
        var n = operations.Count;

        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        var names = new List<string?> { null };
        int IdOf(string? value)
        {
            if (value is null)
            {
                return Absent;
            }

            if (!ids.TryGetValue(value, out var id))
            {
                id = names.Count;
                ids.Add(value, id);
                names.Add(value);
            }

            return id;
        }

        initial = IdOf(initialValue);
        values = new int[n];
        writes = new bool[n];
        definite = new bool[n];
        var entries = new (long Time, int Order, int Operation)[2 * n];
        for (var i = 0; i < n; i++)
        {
            var operation = operations[i];
            values[i] = IdOf(operation.Value);
            writes[i] = operation.Kind == OperationKind.Write;
            definite[i] = operation.Outcome == OperationOutcome.Ok;
            definiteCount += definite[i] ? 1 : 0;

            // At equal timestamps calls sort before returns: the order is unknown, so the operations count as concurrent.
            entries[2 * i] = (operation.Invoked, 0, i);
            entries[(2 * i) + 1] = (definite[i] ? operation.Returned!.Value : long.MaxValue, 1, i);
        }

        valueNames = [.. names];
        Array.Sort(entries);

        tail = (2 * n) + 1;
        next = new int[tail + 1];
        prev = new int[tail + 1];
        operationOf = new int[tail + 1];
        match = new int[tail + 1];
        var callNode = new int[n];
        for (var node = 1; node <= 2 * n; node++)
        {
            var (_, order, operation) = entries[node - 1];
            operationOf[node] = operation;
            if (order == 0)
            {
                callNode[operation] = node;
            }
            else
            {
                match[callNode[operation]] = node;
            }
        }

        for (var node = 0; node < tail; node++)
        {
            next[node] = node + 1;
            prev[node + 1] = node;
        }
    }

    public LinearizabilityResult Run()
    {
        var linearized = new ulong[(operations.Count + 63) / 64];
        var seen = new HashSet<SearchState>();
        var stack = new List<(int Call, int ValueBefore)>();
        var value = initial;
        var done = 0;
        if (definiteCount == 0)
        {
            return Result(LinearizabilityVerdict.Linearizable, 0, [], value);
        }

        var entry = next[Head];
        while (true)
        {
            var operation = operationOf[entry];
            if (match[entry] != 0)
            {
                var legal = writes[operation] || values[operation] == value;
                if (legal)
                {
                    var after = writes[operation] ? values[operation] : value;
                    Set(linearized, operation);
                    var state = new SearchState(linearized, after);
                    if (!seen.Contains(state))
                    {
                        if (seen.Count >= maxStates)
                        {
                            Clear(linearized, operation);
                            var sofar = stack.Select(s => operationOf[s.Call]).ToList();
                            return sofar.Count > deepest.Count
                                ? Result(LinearizabilityVerdict.Unknown, seen.Count, sofar, value)
                                : Result(LinearizabilityVerdict.Unknown, seen.Count, deepest, deepestValue);
                        }

                        seen.Add(state.Snapshot());
                        stack.Add((entry, value));
                        value = after;
                        done += definite[operation] ? 1 : 0;
                        Lift(entry);
                        if (done == definiteCount)
                        {
                            return Result(LinearizabilityVerdict.Linearizable, seen.Count, [.. stack.Select(s => operationOf[s.Call])], value);
                        }

                        entry = next[Head];
                        continue;
                    }

                    Clear(linearized, operation);
                }

                entry = next[entry];
                continue;
            }

            // The return of an operation not yet linearized: nothing placed so far can be extended past it.
            if (stack.Count > deepest.Count || blocked < 0)
            {
                RecordDeadEnd(stack, value, entry);
            }

            if (stack.Count == 0)
            {
                return Result(LinearizabilityVerdict.NotLinearizable, seen.Count, deepest, deepestValue);
            }

            var (call, valueBefore) = stack[^1];
            stack.RemoveAt(stack.Count - 1);
            var undone = operationOf[call];
            Clear(linearized, undone);
            value = valueBefore;
            done -= definite[undone] ? 1 : 0;
            Unlift(call);
            entry = next[call];
        }
    }

    private void RecordDeadEnd(List<(int Call, int ValueBefore)> stack, int value, int returnEntry)
    {
        deepest = [.. stack.Select(s => operationOf[s.Call])];
        deepestValue = value;
        blocked = operationOf[returnEntry];
        candidates = [];
        for (var node = next[Head]; node != returnEntry; node = next[node])
        {
            if (match[node] != 0)
            {
                candidates.Add(operationOf[node]);
            }
        }
    }

    private LinearizabilityResult Result(LinearizabilityVerdict verdict, long states, List<int> order, int value) =>
        new(
            verdict,
            states,
            maxStates,
            [.. order.Select(i => operations[i])],
            valueNames[value],
            verdict == LinearizabilityVerdict.Linearizable || blocked < 0 ? null : operations[blocked],
            verdict == LinearizabilityVerdict.Linearizable ? [] : [.. candidates.Select(i => operations[i])]);

    private void Lift(int call)
    {
        var ret = match[call];
        next[prev[call]] = next[call];
        prev[next[call]] = prev[call];
        next[prev[ret]] = next[ret];
        prev[next[ret]] = prev[ret];
    }

    private void Unlift(int call)
    {
        var ret = match[call];
        next[prev[ret]] = ret;
        prev[next[ret]] = ret;
        next[prev[call]] = call;
        prev[next[call]] = call;
    }

    private static void Set(ulong[] bits, int index) => bits[index >> 6] |= 1UL << (index & 63);

    private static void Clear(ulong[] bits, int index) => bits[index >> 6] &= ~(1UL << (index & 63));

    /// <summary>A memoised search state; <see cref="Bits"/> may be the live bitset until <see cref="Snapshot"/> copies it.</summary>
    private readonly struct SearchState : IEquatable<SearchState>
    {
        private readonly int hash;

        public SearchState(ulong[] bits, int value)
        {
            Bits = bits;
            Value = value;
            var h = new HashCode();
            h.Add(value);
            foreach (var word in bits)
            {
                h.Add(word);
            }

            hash = h.ToHashCode();
        }

        private SearchState(ulong[] bits, int value, int hash)
        {
            Bits = bits;
            Value = value;
            this.hash = hash;
        }

        public ulong[] Bits { get; }

        public int Value { get; }

        public SearchState Snapshot() => new((ulong[])Bits.Clone(), Value, hash);

        public bool Equals(SearchState other) =>
            hash == other.hash && Value == other.Value && Bits.AsSpan().SequenceEqual(other.Bits);

        public override bool Equals(object? obj) => obj is SearchState other && Equals(other);

        public override int GetHashCode() => hash;
    }
}
