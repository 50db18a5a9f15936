using GeoStore.ServiceDefaults;
using GeoStore.Silo;
using Microsoft.Extensions.Hosting;

var builder = Host.CreateApplicationBuilder(args);
builder.AddServiceDefaults();
builder.AddGeoStoreSilo();
await builder.Build().RunAsync();
