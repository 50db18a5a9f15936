using System.Text.Json.Serialization;
using GeoStore.Abstractions.Options;
using GeoStore.Api.Problems;
using Microsoft.Extensions.Options;
using Orleans.Dashboard;
using Scalar.AspNetCore;

namespace GeoStore.Api;

/// <summary>Registers and wires the HTTP side of the API: options, problem details, JSON, OpenAPI.</summary>
public static class ApiHostingExtensions
{
    public static WebApplicationBuilder AddGeoStoreApi(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<ApiLimits>().BindConfiguration(ApiLimits.SectionName)
            .Validate(l => l.MaxKeyBytes is > 0 and <= 64 * 1024, "GeoStore:Limits:MaxKeyBytes must be between 1 and 65536.")
            .Validate(l => l.MaxValueBytes is > 0 and <= 64 * 1024 * 1024, "GeoStore:Limits:MaxValueBytes must be between 1 and 67108864.")
            .ValidateOnStart();
        // Kestrel refuses bodies beyond the value limit itself (413) instead of its 30 MB default.
        services.AddOptions<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>()
            .Configure<IOptions<ApiLimits>>((kestrel, limits) => kestrel.Limits.MaxRequestBodySize = limits.Value.MaxValueBytes + 1);
        services.AddOptions<AdminOptions>().BindConfiguration(GeoStoreOptions.SectionName);
        services.AddProblemDetails();
        services.AddExceptionHandler<GeoStoreExceptionHandler>();
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
            o.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        });
        services.AddOpenApi();
        return builder;
    }

    /// <summary>Where the Orleans Dashboard is served when it is on.</summary>
    public const string OrleansDashboardPath = "/orleans-dashboard";

    public static WebApplication UseGeoStoreApi(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapOpenApi();
        app.MapScalarApiReference();

        // The Orleans Dashboard (GeoStore:OrleansDashboard, on in the AppHost's geo-cluster): the
        // cluster's silos, grains and calls, for an operator on a trusted network (it has no login).
        if (app.Configuration.GetValue<bool>("GeoStore:OrleansDashboard"))
        {
            app.MapOrleansDashboard(routePrefix: OrleansDashboardPath);
        }

        _ = app.Services.GetRequiredService<IOptions<ApiLimits>>().Value;
        return app;
    }
}
