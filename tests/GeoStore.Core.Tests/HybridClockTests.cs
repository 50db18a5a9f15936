using FsCheck.Xunit;
using GeoStore.Core.Clocks;
using Microsoft.Extensions.Time.Testing;
using Shouldly;

namespace GeoStore.Core.Tests;

public sealed class HybridClockTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// Steps: positive = wall clock moves forward by that many ms and we read Now(); negative = wall
    /// clock jumps back; zero = we observe a remote reading ahead of us.
    /// </summary>
    [Property(MaxTest = 300)]
    public bool Readings_strictly_increase_whatever_the_wall_clock_does(int[] steps)
    {
        var time = new SettableTime { Now = Start };
        var clock = new HybridClock(time);
        var previous = HybridTimestamp.Zero;
        foreach (var step in steps)
        {
            HybridTimestamp next;
            if (step > 0)
            {
                time.Now = time.Now.AddMilliseconds(step % 50);
                next = clock.Now();
            }
            else if (step < 0)
            {
                time.Now = time.Now.AddMilliseconds(Math.Max(step, -1000));
                next = clock.Now();
            }
            else
            {
                next = clock.Observe(new HybridTimestamp(previous.WallMs + 3, 7));
            }

            if (next <= previous)
            {
                return false;
            }

            previous = next;
        }

        return true;
    }

    [Property(MaxTest = 300)]
    public bool An_observed_reading_is_followed_by_a_greater_one(long remoteOffsetMs, int remoteLogical)
    {
        var time = new FakeTimeProvider(Start);
        var clock = new HybridClock(time);
        clock.Now();
        var remote = new HybridTimestamp(Start.ToUnixTimeMilliseconds() + (remoteOffsetMs % 100_000), Math.Abs(remoteLogical % 1000));

        var after = clock.Observe(remote);

        return after > remote && clock.Now() > after;
    }

    [Fact]
    public void Readings_follow_physical_time_when_it_moves_forward()
    {
        var time = new FakeTimeProvider(Start);
        var clock = new HybridClock(time);

        clock.Now().ShouldBe(new HybridTimestamp(Start.ToUnixTimeMilliseconds(), 0));
        clock.Now().ShouldBe(new HybridTimestamp(Start.ToUnixTimeMilliseconds(), 1));
        time.Advance(TimeSpan.FromMilliseconds(5));
        clock.Now().ShouldBe(new HybridTimestamp(Start.ToUnixTimeMilliseconds() + 5, 0));
    }

    [Fact]
    public void A_reading_from_a_clock_ahead_pulls_this_clock_forward()
    {
        var time = new FakeTimeProvider(Start);
        var clock = new HybridClock(time);
        var ahead = new HybridTimestamp(Start.ToUnixTimeMilliseconds() + 10_000, 4);

        clock.Observe(ahead).ShouldBe(ahead with { Logical = 5 });
        clock.Now().ShouldBe(ahead with { Logical = 6 });
    }

    [Theory]
    [InlineData("1732364400000.3", 1732364400000, 3)]
    [InlineData("0.0", 0, 0)]
    public void Timestamps_round_trip_through_text(string text, long wall, int logical)
    {
        HybridTimestamp.TryParse(text, out var parsed).ShouldBeTrue();
        parsed.ShouldBe(new HybridTimestamp(wall, logical));
        parsed.ToString().ShouldBe(text);
    }

    [Theory]
    [InlineData("")]
    [InlineData("12")]
    [InlineData("a.b")]
    [InlineData("-1.2")]
    public void Malformed_timestamps_do_not_parse(string text) => HybridTimestamp.TryParse(text, out _).ShouldBeFalse();

    /// <summary>A wall clock that can also jump backwards, as NTP corrections make real ones do.</summary>
    private sealed class SettableTime : TimeProvider
    {
        public DateTimeOffset Now { get; set; }

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
