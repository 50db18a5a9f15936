using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace GeoStore.ServiceDefaults;

/// <summary>Service defaults every GeoStore process applies, following Aspire's conventions.</summary>
public static class ServiceDefaultsExtensions
{
    /// <summary>Meter and activity source names GeoStore and Orleans publish.</summary>
    public static readonly string[] Meters = ["GeoStore", "Microsoft.Orleans"];

    public static IHostApplicationBuilder AddServiceDefaults(this IHostApplicationBuilder builder)
    {
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss.fff ";
        });

        builder.Logging.AddFilter("Polly", LogLevel.Warning);

        var otel = builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter(Meters))
            .WithTracing(tracing => tracing
                .AddSource("GeoStore", "Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application")
                .AddAspNetCoreInstrumentation(o => o.Filter = ctx => ctx.Request.Path != "/health" && ctx.Request.Path != "/ready")
                .AddHttpClientInstrumentation());

        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            otel.UseOtlpExporter();
        }

        builder.Services.AddHostedService<ParentProcessWatch>();
        return builder;
    }
}
