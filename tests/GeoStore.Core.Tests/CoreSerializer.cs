using GeoStore.Core.Causality;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Shouldly;

namespace GeoStore.Core.Tests;

/// <summary>The Orleans serializer over the core's records, as grains use it to send them between regions.</summary>
public static class CoreSerializer
{
    private static readonly Serializer Serializer = new ServiceCollection()
        .AddSerializer(s => s.AddAssembly(typeof(SiblingSet).Assembly))
        .BuildServiceProvider()
        .GetRequiredService<Serializer>();

    /// <summary>Serializes <paramref name="value"/> and reads it back, as the receiving grain would.</summary>
    public static T RoundTrip<T>(T value) =>
        Serializer.Deserialize<T>(Serializer.SerializeToArray(value)) ?? throw new ShouldAssertException($"{typeof(T).Name} read back as null.");
}
