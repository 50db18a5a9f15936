using GeoStore.ServiceDefaults;
using Microsoft.Extensions.Hosting;

namespace GeoStore.Silo;

/// <summary>A GeoStore silo process: one per region, or several per region.</summary>
public static class SiloProgram
{
    public static async Task Main(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(args);
        builder.AddServiceDefaults();
        builder.AddGeoStoreSilo();
        await builder.Build().RunAsync();
    }
}
