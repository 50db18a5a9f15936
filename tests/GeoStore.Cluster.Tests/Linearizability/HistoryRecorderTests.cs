using GeoStore.Testing.Linearizability;
using Shouldly;

namespace GeoStore.Cluster.Tests.Linearizability;

/// <summary>The recorder that concurrent test clients share, and a real concurrent run checked end to end.</summary>
public sealed class HistoryRecorderTests
{
    [Fact]
    public void Each_operation_gets_its_invocation_and_completion_timestamps_and_its_outcome()
    {
        var recorder = new HistoryRecorder(new TickingTimeProvider());

        var write = recorder.Invoke("a", OperationKind.Write, "1");
        var read = recorder.Invoke("b", OperationKind.Read);
        recorder.Ok(write);
        recorder.Ok(read, "1");
        var failed = recorder.Invoke("a", OperationKind.Write, "2");
        recorder.Fail(failed);
        var lost = recorder.Invoke("b", OperationKind.Write, "3");
        recorder.Info(lost);

        recorder.History().ShouldBe(
        [
            new RegisterOperation(0, "a", OperationKind.Write, "1", 1, 3, OperationOutcome.Ok),
            new RegisterOperation(1, "b", OperationKind.Read, "1", 2, 4, OperationOutcome.Ok),
            new RegisterOperation(2, "a", OperationKind.Write, "2", 5, 6, OperationOutcome.Failed),
            new RegisterOperation(3, "b", OperationKind.Write, "3", 7, 8, OperationOutcome.Indeterminate),
        ]);
    }

    [Fact]
    public void An_operation_still_in_flight_appears_indeterminate_without_a_return_time()
    {
        var recorder = new HistoryRecorder(new TickingTimeProvider());
        recorder.Invoke("a", OperationKind.Write, "1");

        recorder.History().ShouldHaveSingleItem().ShouldBe(new RegisterOperation(0, "a", OperationKind.Write, "1", 1, null, OperationOutcome.Indeterminate));
    }

    [Fact]
    public void An_operation_completes_once()
    {
        var recorder = new HistoryRecorder();
        var read = recorder.Invoke("a", OperationKind.Read);
        recorder.Ok(read, null);

        Should.Throw<InvalidOperationException>(() => recorder.Info(read));
    }

    [Fact]
    public void Misused_calls_are_rejected()
    {
        var recorder = new HistoryRecorder();

        Should.Throw<ArgumentException>(() => recorder.Invoke("a", OperationKind.Read, "1"));
        Should.Throw<ArgumentException>(() => recorder.Ok(recorder.Invoke("a", OperationKind.Write, "1"), "1"));
        Should.Throw<ArgumentException>(() => new HistoryRecorder().Ok(recorder.Invoke("a", OperationKind.Read)));
    }

    [Fact]
    public async Task Threads_sharing_a_locked_register_produce_a_linearizable_history()
    {
        var recorder = new HistoryRecorder();
        var gate = new Lock();
        string? register = null;

        var clients = Enumerable.Range(0, 5).Select(c => Task.Run(() =>
        {
            var random = new Random(c);
            for (var k = 0; k < 60; k++)
            {
                if (random.Next(3) == 0)
                {
                    var write = recorder.Invoke($"c{c}", OperationKind.Write, $"c{c}-{k}");
                    lock (gate)
                    {
                        register = $"c{c}-{k}";
                    }

                    recorder.Ok(write);
                }
                else
                {
                    var read = recorder.Invoke($"c{c}", OperationKind.Read);
                    string? value;
                    lock (gate)
                    {
                        value = register;
                    }

                    Thread.Yield();
                    recorder.Ok(read, value);
                }
            }
        }, TestContext.Current.CancellationToken));
        await Task.WhenAll(clients);

        var result = LinearizabilityChecker.Check(recorder.History());

        result.IsLinearizable.ShouldBeTrue(result.Explanation);
        result.Linearization.Count.ShouldBe(300);
    }

    /// <summary>A clock that advances one tick every time it is read.</summary>
    private sealed class TickingTimeProvider : TimeProvider
    {
        private long now;

        public override long GetTimestamp() => Interlocked.Increment(ref now);
    }
}
