using GeoStore.Core.Clocks;
using GeoStore.Core.Versioning;
using GeoStore.Grains.Registers;
using GeoStore.Grains.Storage;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Storage;
using Shouldly;

namespace GeoStore.Storage.Tests;

/// <summary>
/// What every register storage must do for anti-entropy: page through one region's registers of one
/// keyspace, straight from storage, whatever characters or length the keys have.
/// </summary>
public abstract class RegisterScanContract
{
    protected static readonly Serializer Serializer = new ServiceCollection()
        .AddSerializer(s => s.AddAssembly(typeof(RegisterState).Assembly).AddAssembly(typeof(VersionedValue).Assembly))
        .BuildServiceProvider()
        .GetRequiredService<Serializer>();

    public static readonly string[] AwkwardKeys =
    [
        "plain",
        "a/b/c",
        "100%/%2F/%25",
        "hash#question?back\\slash",
        "😀 ünïcode",
        "long/" + new string('k', 700),
        "long/" + new string('/', 700),
    ];

    /// <summary>The storage under test; every call of one test gets the same store.</summary>
    protected abstract IGrainStorage Storage { get; }

    private RegisterStateScanner Scanner => new(Storage);

    private static string NewKeyspace() => $"ks{Guid.NewGuid():N}"[..14];

    private static RegisterState State(long wall, int valueBytes = 8) => new()
    {
        Current = new VersionedValue(new WriteVersion(new HybridTimestamp(wall, 0), "us-east"), new byte[valueBytes], "application/octet-stream"),
    };

    private Task Write(string region, string keyspace, string key, RegisterState state, string stateName = RegisterState.StateName, string grainType = RegisterKey.GrainType) =>
        Storage.WriteStateAsync(stateName, GrainId.Create(grainType, RegisterKey.Format(region, keyspace, key)), new TestState { State = state });

    private async Task<List<StoredRegister>> ScanAsync(string region, string keyspace)
    {
        var found = new List<StoredRegister>();
        await foreach (var stored in Scanner.ScanAsync(region, keyspace))
        {
            found.Add(stored);
        }

        return found;
    }

    [Fact]
    public async Task A_scan_finds_every_register_of_the_keyspace_in_the_region_with_its_key_and_state()
    {
        var keyspace = NewKeyspace();
        for (var i = 0; i < AwkwardKeys.Length; i++)
        {
            await Write("us-east", keyspace, AwkwardKeys[i], State(1_000 + i));
        }

        var found = await ScanAsync("us-east", keyspace);

        found.Select(f => f.Key).Order(StringComparer.Ordinal).ShouldBe(AwkwardKeys.Order(StringComparer.Ordinal));
        foreach (var stored in found)
        {
            stored.State.Current!.Version.Timestamp.WallMs.ShouldBe(1_000 + Array.IndexOf(AwkwardKeys, stored.Key));
        }
    }

    [Fact]
    public async Task A_scan_leaves_out_other_keyspaces_other_regions_other_states_and_other_grain_types()
    {
        var keyspace = NewKeyspace();
        await Write("us-east", keyspace, "mine", State(1));
        await Write("us-east", keyspace + "x", "longer-keyspace-name", State(2));
        await Write("us-east", keyspace[..^1], "shorter-keyspace-name", State(3));
        await Write("eu-west", keyspace, "other-region", State(4));
        await Write("us-east", keyspace, "other-state", State(5), stateName: "other");
        await Write("us-east", keyspace, "other-type", State(6), grainType: "registerx");

        var found = await ScanAsync("us-east", keyspace);

        found.Select(f => f.Key).ShouldBe(["mine"]);
    }

    [Fact]
    public async Task A_cleared_register_is_no_longer_found_and_an_empty_keyspace_scans_to_nothing()
    {
        var keyspace = NewKeyspace();
        var grain = GrainId.Create(RegisterKey.GrainType, RegisterKey.Format("us-east", keyspace, "gone"));
        var state = new TestState { State = State(1) };
        await Storage.WriteStateAsync(RegisterState.StateName, grain, state);

        await Storage.ClearStateAsync(RegisterState.StateName, grain, state);

        (await ScanAsync("us-east", keyspace)).ShouldBeEmpty();
        (await ScanAsync("us-east", NewKeyspace())).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_register_reads_back_by_key_without_a_grain_and_a_missing_one_reads_as_null()
    {
        var keyspace = NewKeyspace();
        await Write("us-east", keyspace, AwkwardKeys[^1], State(77));

        (await Scanner.ReadAsync("us-east", keyspace, AwkwardKeys[^1])).ShouldNotBeNull().Current!.Version.Timestamp.WallMs.ShouldBe(77);
        (await Scanner.ReadAsync("us-east", keyspace, "missing")).ShouldBeNull();
    }

    [Fact]
    public async Task A_large_state_split_over_several_rows_scans_whole()
    {
        var keyspace = NewKeyspace();
        await Write("us-east", keyspace, "big", State(5, valueBytes: 1_500_000));

        var found = (await ScanAsync("us-east", keyspace)).ShouldHaveSingleItem();

        found.State.Current!.Value!.Length.ShouldBe(1_500_000);
    }

    [Fact]
    public async Task Thousands_of_registers_scan_page_by_page_each_once()
    {
        var keyspace = NewKeyspace();
        var keys = Enumerable.Range(0, 1_200).Select(i => $"k/{i:D5}").ToArray();
        foreach (var chunk in keys.Chunk(50))
        {
            await Task.WhenAll(chunk.Select(k => Write("us-east", keyspace, k, State(1))));
        }

        var found = await ScanAsync("us-east", keyspace);

        found.Select(f => f.Key).Order(StringComparer.Ordinal).ShouldBe(keys);
    }

    private sealed class TestState : IGrainState<RegisterState>
    {
        [System.Diagnostics.CodeAnalysis.AllowNull]
        public RegisterState State { get; set; } = new();

        public string? ETag { get; set; }

        public bool RecordExists { get; set; }
    }
}
