using Platform.Contracts.Labour.V1;
using Platform.Messaging.Configuration;
using Platform.ServiceDefaults.Grpc;
using Platform.ServiceDefaults.Persistence;
using Platform.Territory.Hosting;
using Zones.Api.Api.Grpc;
using Zones.Api.Api.Rest;
using Zones.Api.Application;
using Zones.Api.Clients;
using Zones.Api.DemoData;
using Zones.Api.Persistence;

namespace Zones.Api.Extensions;

public static class Extensions
{
    public const string ServiceName = "zones";

    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<ZonesDbContext>(typeof(Extensions).Assembly);
        // The copy of the TERYT register (published by labour) that gminy are checked against and named from.
        builder.AddTerritorialRegister<ZonesDbContext>();
        builder.AddMessaging(ServiceName, bus => bus.AddTerritorialRegisterCopy<ZonesDbContext>(ServiceName));

        var services = builder.Services;
        services.AddSingleton(TimeProvider.System);
        services.AddScoped<ZoneStore>();
        services.AddSingleton<ZoneReader>();
        services.AddSingleton<ReferencePlaceStore>();
        services.AddScoped<ZoneCommands>();
        services.AddScoped<PlotCommands>();
        services.AddScoped<ZoneQueries>();
        services.AddScoped<ZoneHistoryExport>();

        // The labour-market service, for each zone's powiat unemployment rate (GrpcClients:labour:Address).
        services.AddPlatformGrpcClient<LabourMarket.LabourMarketClient>(LabourClientOptions.ClientName, ServiceName);
        services.Configure<LabourClientOptions>(builder.Configuration.GetSection("LabourMarket"));
        services.AddSingleton<UnemploymentRateCache>();
        services.AddScoped<IUnemploymentRates, LabourUnemploymentRates>();

        // Field violations in the proto's names where they are not the use cases' in snake_case.
        services.AddSingleton(new GrpcFieldNames().Rename("boundary", "boundary_geojson").Rename("polygon", "polygon_geojson").Rename("maxPrice", "max_price_pln_m2"));
        // After AddServiceDatabase, so the schema is migrated before demo zones are imported.
        services.AddHostedService<DemoDataImporter>();
        return builder;
    }

    /// <summary>REST under /api/v1/zones and gRPC platform.zones.v1.Zones, on top of the default endpoints.</summary>
    public static WebApplication MapApplicationEndpoints(this WebApplication app)
    {
        app.MapZonesRest();
        app.MapGrpcService<ZonesGrpcService>();
        return app;
    }
}
