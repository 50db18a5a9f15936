using Microsoft.Extensions.Hosting;
using GeoStore.ServiceDefaults;
using GeoStore.Silo;

var builder = Host.CreateApplicationBuilder(args);
builder.AddServiceDefaults();
builder.AddGeoStoreSilo();
await builder.Build().RunAsync();
