using GeoStore.Api;
using GeoStore.Api.Apis;
using GeoStore.Api.Client;
using GeoStore.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddGeoStoreClient();
builder.AddGeoStoreApi();

var app = builder.Build();
app.UseGeoStoreApi();
app.MapHealthApi();
app.MapKeyValueApi();
app.MapCrdtApi();
app.MapAdminApi();
app.MapChainAdminApi();
app.Run();

/// <summary>The API's entry point, visible to <c>WebApplicationFactory</c> in tests.</summary>
public partial class Program;
