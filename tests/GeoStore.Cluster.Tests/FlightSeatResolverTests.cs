using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using GeoStore.Core.Causality;
using GeoStore.Core.Clocks;
using GeoStore.Core.Keyspaces;
using GeoStore.Core.Resolution;
using GeoStore.Core.Versioning;
using GeoStore.Grains.Conflicts.Samples;
using Shouldly;

namespace GeoStore.Cluster.Tests;

/// <summary>The flight-booking sample resolver on its own: pure, no cluster.</summary>
public sealed class FlightSeatResolverTests
{
    private static readonly string[] Regions = ["us-east", "eu-west", "ap-south"];

    private static readonly FlightSeatResolver Resolver = new();

    /// <summary>Values that are not bookings: other JSON, a seat that is not "row letter", bytes that are not JSON or not UTF-8.</summary>
    private static readonly byte[][] NotBookings =
    [
        "{\"passenger\":\"Ada\"}"u8.ToArray(),
        "{\"seat\":12}"u8.ToArray(),
        "{\"seat\":\"A12\"}"u8.ToArray(),
        "{\"seat\":\"\"}"u8.ToArray(),
        "{\"seat\":\"99999999999A\"}"u8.ToArray(),
        "[{\"seat\":\"1A\"}]"u8.ToArray(),
        "\"1A\""u8.ToArray(),
        "1A"u8.ToArray(),
        [],
        [0xFF, 0xFE, 0x00],
        [.. "{\"seat\":\"1"u8, 0xFF, .. "A\"}"u8],
    ];

    /// <summary>The body of a value: a booking of a seat in rows 1 to 4 (so seats collide), something else, or a tombstone.</summary>
    private static readonly Gen<byte[]?> Bodies = Gen.Frequency(
        (6, from row in Gen.Choose(1, 4)
            from letter in Gen.Elements('A', 'B', 'C')
            from passenger in Gen.Elements("Ada", "Grace", "Edsger")
            select (byte[]?)Booking($"{row}{letter}", passenger)),
        (2, Gen.Elements(NotBookings).Select(b => (byte[]?)b)),
        (1, Gen.Constant((byte[]?)null)));

    /// <summary>Three values of one key with distinct versions: times that often tie, made in different regions.</summary>
    private static readonly Gen<VersionedValue[]> Triples =
        from bodies in Bodies.Three()
        from walls in Gen.Choose(1, 3).Three()
        select new[] { At(walls.Item1, 0, bodies.Item1), At(walls.Item2, 1, bodies.Item2), At(walls.Item3, 2, bodies.Item3) };

    [Property(MaxTest = 500)]
    public Property Choose_returns_one_of_its_two_arguments() =>
        Prop.ForAll(Triples.ToArbitrary(), t =>
        {
            var survivor = Choose(t[0], t[1]);
            return ReferenceEquals(survivor, t[0]) || ReferenceEquals(survivor, t[1]);
        });

    [Property(MaxTest = 500)]
    public Property Choose_keeps_the_same_survivor_whichever_value_comes_first() =>
        Prop.ForAll(Triples.ToArbitrary(), t => ReferenceEquals(Choose(t[0], t[1]), Choose(t[1], t[0])));

    [Property(MaxTest = 500)]
    public Property Three_values_leave_the_same_survivor_in_every_pairing_order() =>
        Prop.ForAll(Triples.ToArbitrary(), t =>
        {
            var survivors = Permutations(t)
                .SelectMany(p => new[] { Choose(Choose(p[0], p[1]), p[2]), Choose(p[0], Choose(p[1], p[2])) })
                .Distinct(ReferenceEqualityComparer.Instance)
                .ToList();
            return (survivors.Count == 1).Label($"survivors: {string.Join(", ", survivors.Cast<VersionedValue>().Select(Describe))}");
        });

    [Property(MaxTest = 500)]
    public Property Beating_is_transitive() =>
        Prop.ForAll(Triples.ToArbitrary(), t =>
        {
            var (a, b, c) = (t[0], t[1], t[2]);
            return !(Beats(a, b) && Beats(b, c)) || Beats(a, c);
        });

    [Property(MaxTest = 500)]
    public Property The_booking_with_the_lower_seat_row_survives_whatever_the_versions() =>
        Prop.ForAll(
            (from rows in Gen.Choose(1, 60).Two().Where(r => r.Item1 != r.Item2)
             from letters in Gen.Elements('A', 'B', 'F').Two()
             from walls in Gen.Choose(1, 3).Two()
             select (rows, letters, walls)).ToArbitrary(),
            input =>
            {
                var a = At(input.walls.Item1, 0, Booking($"{input.rows.Item1}{input.letters.Item1}", "Ada"));
                var b = At(input.walls.Item2, 1, Booking($"{input.rows.Item2}{input.letters.Item2}", "Grace"));
                var lower = input.rows.Item1 < input.rows.Item2 ? a : b;
                return ReferenceEquals(Choose(a, b), lower) && ReferenceEquals(Choose(b, a), lower);
            });

    [Property(MaxTest = 500)]
    public Property For_the_same_seat_the_booking_made_first_survives() =>
        Prop.ForAll(
            (from walls in Gen.Choose(1, 3).Two()
             from logicals in Gen.Choose(0, 2).Two()
             from regions in Gen.Choose(0, 2).Two()
             from seat in Gen.Elements("1A", "12C", "30F")
             where walls.Item1 != walls.Item2 || logicals.Item1 != logicals.Item2 || regions.Item1 != regions.Item2
             select (walls, logicals, regions, seat)).ToArbitrary(),
            input =>
            {
                var a = At(input.walls.Item1, input.regions.Item1, Booking(input.seat, "Ada"), input.logicals.Item1);
                var b = At(input.walls.Item2, input.regions.Item2, Booking(input.seat, "Grace"), input.logicals.Item2);
                var first = a.Version < b.Version ? a : b;
                return ReferenceEquals(Choose(a, b), first) && ReferenceEquals(Choose(b, a), first);
            });

    [Property(MaxTest = 500)]
    public Property A_booking_beats_a_cancellation_and_a_value_that_is_not_a_booking_whatever_the_versions() =>
        Prop.ForAll(
            (from row in Gen.Choose(1, 60)
             from other in Gen.Elements(NotBookings.Select(b => (byte[]?)b).Append(null))
             from walls in Gen.Choose(1, 3).Two()
             select (row, other, walls)).ToArbitrary(),
            input =>
            {
                var booking = At(input.walls.Item1, 0, Booking($"{input.row}C", "Ada"));
                var other = At(input.walls.Item2, 1, input.other);
                return ReferenceEquals(Choose(booking, other), booking) && ReferenceEquals(Choose(other, booking), booking);
            });

    /// <summary>Random bytes, random bytes as the seat of a booking (often not UTF-8), and random text as the seat.</summary>
    [Property(MaxTest = 1_000)]
    public Property Any_bytes_are_ranked_without_throwing() =>
        Prop.ForAll(
            Gen.OneOf(
                ArbMap.Default.GeneratorFor<byte[]>(),
                ArbMap.Default.GeneratorFor<byte[]>().Select(seat => (byte[])[.. "{\"seat\":\"1"u8, .. seat, .. "\"}"u8]),
                ArbMap.Default.GeneratorFor<string>().Where(s => s is not null).Select(s => Encoding.UTF8.GetBytes($"{{\"seat\":\"{s}\"}}"))).Two().ToArbitrary(),
            bodies =>
            {
                var a = At(1, 0, bodies.Item1);
                var b = At(2, 1, bodies.Item2);
                return ReferenceEquals(Choose(a, b), Choose(b, a));
            });

    [Fact]
    public void Seat_rows_compare_as_numbers_not_as_text()
    {
        var nine = At(2, 0, Booking("9A", "Ada"));
        var twelve = At(1, 1, Booking("12A", "Grace"));

        Choose(nine, twelve).ShouldBeSameAs(nine);
        Choose(twelve, nine).ShouldBeSameAs(nine);
    }

    [Fact]
    public void In_the_same_row_the_seat_with_the_lower_letter_survives()
    {
        var window = At(2, 0, Booking("12A", "Ada"));
        var aisle = At(1, 1, Booking("12C", "Grace"));

        Choose(aisle, window).ShouldBeSameAs(window);
    }

    [Fact]
    public void A_seat_string_that_is_not_utf8_ranks_as_not_a_booking_instead_of_throwing()
    {
        var broken = At(1, 0, [.. "{\"seat\":\"1"u8, 0xFF, .. "A\"}"u8]);
        var booking = At(2, 1, Booking("40F", "Ada"));

        Choose(broken, booking).ShouldBeSameAs(booking);
    }

    [Fact]
    public void Its_name_is_flight_booking_and_a_valid_resolver_name()
    {
        Resolver.Name.ShouldBe("flight-booking");
        KeyspaceValidator.ValidatePolicy(
            new KeyspacePolicy(ReplicationMode.MultiLeader, ["us-east"], ConflictResolver.Custom, CustomResolver: Resolver.Name), ["us-east"])
            .ShouldBeEmpty();
    }

    [Fact]
    public void Every_region_gives_the_seat_to_the_same_passenger()
    {
        // eu-west books 1A for Ada; us-east books 1A for Bob a moment later, concurrently; ap-south,
        // having seen Ada's booking, updates it. Custom keyspaces keep the frontier (Bob's booking
        // and Ada's update) and every region picks from it: Bob booked before Ada's update.
        var ada = Sibling(SiblingSet.Empty, At(100, 1, Booking("1A", "Ada")));
        var bob = Sibling(SiblingSet.Empty, At(101, 0, Booking("1A", "Bob")));
        var adaAgain = Sibling(ada, At(102, 2, Booking("1A", "Ada")));
        ConcurrentChoice choose = Choose;

        var euWest = SiblingSet.Merge(SiblingSet.Merge(ada, bob), adaAgain);
        var usEast = SiblingSet.Merge(SiblingSet.Merge(bob, adaAgain), ada);

        usEast.ShouldBe(euWest);
        var seat = FrontierChoice.Choose(usEast, choose)!;
        seat.Version.ShouldBe(FrontierChoice.Choose(euWest, choose)!.Version);
        Encoding.UTF8.GetString(seat.Value!).ShouldContain("Bob");
    }

    private static SiblingSet Sibling(SiblingSet replica, VersionedValue value) => replica.Update(replica.Context, value.Version.Region, value).Result;

    private static VersionedValue Choose(VersionedValue a, VersionedValue b) => Resolver.Choose("flights", "LH400/1A", a, b);

    private static bool Beats(VersionedValue a, VersionedValue b) => ReferenceEquals(Choose(a, b), a) && ReferenceEquals(Choose(b, a), a);

    private static byte[] Booking(string seat, string passenger) => Encoding.UTF8.GetBytes($"{{\"passenger\":\"{passenger}\",\"seat\":\"{seat}\"}}");

    private static VersionedValue At(long wall, int region, byte[]? body, int logical = 0)
    {
        var version = new WriteVersion(new HybridTimestamp(1_000 + wall, logical), Regions[region]);
        return body is null ? VersionedValue.Tombstone(version) : new VersionedValue(version, body, "application/json");
    }

    private static IEnumerable<VersionedValue[]> Permutations(VersionedValue[] t) =>
    [
        [t[0], t[1], t[2]], [t[0], t[2], t[1]], [t[1], t[0], t[2]], [t[1], t[2], t[0]], [t[2], t[0], t[1]], [t[2], t[1], t[0]],
    ];

    private static string Describe(VersionedValue value) =>
        $"{value.Version}={(value.Value is null ? "tombstone" : Encoding.UTF8.GetString(value.Value))}";
}
