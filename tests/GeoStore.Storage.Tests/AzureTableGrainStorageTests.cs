using Azure.Data.Tables;
using GeoStore.Core.Clocks;
using GeoStore.Core.Versioning;
using GeoStore.Grains.Registers;
using GeoStore.Grains.Storage.AzureTables;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Storage;
using Shouldly;

namespace GeoStore.Storage.Tests;

/// <summary>The Azure Tables grain storage provider against a real Azurite.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class AzureTableGrainStorageTests(AzuriteFixture azurite)
{
    private static readonly Serializer Serializer = new ServiceCollection()
        .AddSerializer(s => s.AddAssembly(typeof(RegisterState).Assembly).AddAssembly(typeof(VersionedValue).Assembly))
        .BuildServiceProvider()
        .GetRequiredService<Serializer>();

    private TableClient Table(string region = "us-east") =>
        new TableServiceClient(azurite.Server.ConnectionString).GetTableClient(TableNames.For(region, TableNames.Grains));

    private AzureTableGrainStorage Storage(string region = "us-east") => new(Table(region), Serializer);

    private static RegisterState Register(int valueBytes, byte fill = 7) => new()
    {
        Current = new VersionedValue(new WriteVersion(new HybridTimestamp(1_700_000_000_000, 3), "us-east"), Enumerable.Repeat(fill, valueBytes).ToArray(), "application/octet-stream"),
    };

    private static GrainId Grain(string key) => GrainId.Create("register", key);

    private sealed class TestState<T> : IGrainState<T>
    {
        [System.Diagnostics.CodeAnalysis.AllowNull]
        public T State { get; set; } = default!;

        public string? ETag { get; set; }

        public bool RecordExists { get; set; }
    }

    [Fact]
    public async Task A_written_state_reads_back_with_an_etag()
    {
        var grain = Grain($"us-east/default/{Guid.NewGuid():N}");
        var written = new TestState<RegisterState> { State = Register(100) };

        await Storage().WriteStateAsync("register", grain, written);
        var read = new TestState<RegisterState>();
        await Storage().ReadStateAsync("register", grain, read);

        read.RecordExists.ShouldBeTrue();
        read.ETag.ShouldBe(written.ETag);
        read.State.Current.ShouldNotBeNull().Value.ShouldBe(written.State.Current!.Value);
        read.State.Current.Version.ShouldBe(written.State.Current.Version);
    }

    [Fact]
    public async Task A_missing_state_reads_as_absent()
    {
        var read = new TestState<RegisterState>();
        await Storage().ReadStateAsync("register", Grain($"us-east/default/{Guid.NewGuid():N}"), read);

        read.RecordExists.ShouldBeFalse();
        read.ETag.ShouldBeNull();
        read.State.ShouldNotBeNull().Current.ShouldBeNull();
    }

    [Theory]
    [InlineData(200 * 1024)]
    [InlineData(2 * 1024 * 1024 + 17)]
    public async Task State_larger_than_one_property_or_one_entity_is_split_and_reassembled(int valueBytes)
    {
        var grain = Grain($"us-east/default/big-{Guid.NewGuid():N}");
        var written = new TestState<RegisterState> { State = Register(valueBytes, 42) };

        await Storage().WriteStateAsync("register", grain, written);
        written.State = Register(valueBytes - 5, 43);
        await Storage().WriteStateAsync("register", grain, written);
        var read = new TestState<RegisterState>();
        await Storage().ReadStateAsync("register", grain, read);

        read.State.Current!.Value!.Length.ShouldBe(valueBytes - 5);
        read.State.Current.Value.ShouldAllBe(b => b == 43);
    }

    [Fact]
    public async Task A_write_with_a_stale_etag_raises_inconsistent_state_and_changes_nothing()
    {
        var grain = Grain($"us-east/default/{Guid.NewGuid():N}");
        var first = new TestState<RegisterState> { State = Register(10, 1) };
        await Storage().WriteStateAsync("register", grain, first);
        var stale = new TestState<RegisterState> { State = Register(10, 2), ETag = first.ETag };
        first.State = Register(10, 3);
        await Storage().WriteStateAsync("register", grain, first);

        await Should.ThrowAsync<InconsistentStateException>(() => Storage().WriteStateAsync("register", grain, stale));
        var fresh = new TestState<RegisterState> { State = Register(10, 4) };
        await Should.ThrowAsync<InconsistentStateException>(() => Storage().WriteStateAsync("register", grain, fresh));

        var read = new TestState<RegisterState>();
        await Storage().ReadStateAsync("register", grain, read);
        read.State.Current!.Value!.ShouldAllBe(b => b == 3);
    }

    [Theory]
    [InlineData("us-east/default/a/b")]
    [InlineData("us-east/default/a%2Fb")]
    [InlineData("us-east/default/hash#question?back\\slash")]
    [InlineData("us-east/default/ctrl\u0001\u007f\u0085")]
    [InlineData("us-east/default/😀 ünïcode")]
    public async Task Keys_with_any_character_are_stored_safely_and_separately(string key)
    {
        var grain = Grain($"{key}/{Guid.NewGuid():N}");
        var sibling = Grain(grain.Key.ToString()!.Replace('/', '|'));
        await Storage().WriteStateAsync("register", grain, new TestState<RegisterState> { State = Register(5, 9) });
        await Storage().WriteStateAsync("register", sibling, new TestState<RegisterState> { State = Register(5, 8) });

        var read = new TestState<RegisterState>();
        await Storage().ReadStateAsync("register", grain, read);

        read.State.Current!.Value!.ShouldAllBe(b => b == 9);
    }

    [Fact]
    public async Task Clearing_deletes_every_row_of_the_state()
    {
        var grain = Grain($"us-east/default/clear-{Guid.NewGuid():N}");
        var state = new TestState<RegisterState> { State = Register(2 * 1024 * 1024) };
        await Storage().WriteStateAsync("register", grain, state);

        await Storage().ClearStateAsync("register", grain, state);

        state.RecordExists.ShouldBeFalse();
        var partition = Core.Storage.TableKeys.Encode(grain.ToString());
        (await Table().QueryAsync<TableEntity>(e => e.PartitionKey == partition).ToListAsync()).ShouldBeEmpty();
        var read = new TestState<RegisterState>();
        await Storage().ReadStateAsync("register", grain, read);
        read.RecordExists.ShouldBeFalse();
    }

    [Fact]
    public async Task Each_region_keeps_its_state_in_its_own_table()
    {
        var grain = Grain($"shared/{Guid.NewGuid():N}");
        await Storage("us-east").WriteStateAsync("register", grain, new TestState<RegisterState> { State = Register(5) });

        var elsewhere = new TestState<RegisterState>();
        await Storage("eu-west").ReadStateAsync("register", grain, elsewhere);

        elsewhere.RecordExists.ShouldBeFalse();
        TableNames.For("us-east", TableNames.Grains).ShouldBe("gsuseastgrains");
    }
}
