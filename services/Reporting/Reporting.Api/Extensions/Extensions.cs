using Platform.Contracts.Catalogue.V1;
using Platform.Contracts.Labour.V1;
using Platform.Contracts.Zones.V1;
using Platform.Messaging.Configuration;
using Platform.ServiceDefaults.Grpc;
using Platform.Territory.Hosting;
using Reporting.Api.Api.Grpc;
using Reporting.Api.Api.Rest;
using Platform.ServiceDefaults.Persistence;
using Reporting.Api.Application;
using Reporting.Api.Clients;
using Reporting.Api.Messaging;
using Reporting.Api.Persistence;
using Reporting.Api.Rendering;

namespace Reporting.Api.Extensions;

public static class Extensions
{
    public const string ServiceName = "reporting";

    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<ReportingDbContext>(typeof(Extensions).Assembly);
        // The copy of the TERYT register (published by labour) that reports name units from.
        builder.AddTerritorialRegister<ReportingDbContext>();
        builder.AddMessaging(ServiceName, x =>
        {
            x.AddTerritorialRegisterCopy<ReportingDbContext>(ServiceName);
            x.AddConsumer<StrategyPublishedConsumer>();
            x.AddConsumer<StrategyTreeChangedConsumer>();
            x.AddConsumer<MonitoringEntryRecordedConsumer>();
            x.AddConsumer<ObservationsPublishedConsumer>(typeof(ObservationsPublishedConsumerDefinition));
            x.AddConsumer<ZoneRegisteredConsumer>();
            x.AddConsumer<ZoneChangedConsumer>();
            x.AddConsumer<PlotStateChangedConsumer>();
        });
        var services = builder.Services;
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<JobSignal>();
        services.AddScoped<ReportJobs>();
        services.AddScoped<ReportDrafts>();
        services.AddScoped<ReportGenerator>();
        services.Configure<PdfOptions>(builder.Configuration.GetSection("Pdf"));
        // The order here is the order the formats are rendered (and listed).
        services.AddSingleton<IReportRenderer, HtmlRenderer>();
        services.AddSingleton<IReportRenderer, CsvRenderer>();
        services.AddSingleton<IReportRenderer, XlsxRenderer>();
        services.AddSingleton<IReportRenderer, DocxRenderer>();
        services.AddSingleton<ChromiumBrowser>();
        services.AddSingleton<IReportRenderer, PdfRenderer>();
        services.AddHostedService<ReportWorker>();
        services.AddSourceClients();
        services.AddScoped<LabourRebuild>();
        services.AddScoped<ReadModelRebuild>();
        return builder;
    }

    /// <summary>
    /// The rebuild reads the catalogue, labour and zones over gRPC (GrpcClients:{catalogue,labour,zones}:Address);
    /// the consumer of large labour batches reads labour too. Typed clients under the shared policy, as reporting.
    /// </summary>
    public static IServiceCollection AddSourceClients(this IServiceCollection services)
    {
        services.AddPlatformGrpcClient<CatalogueService.CatalogueServiceClient>(CatalogueRebuild.Peer, ServiceName);
        services.AddPlatformGrpcClient<LabourMarket.LabourMarketClient>(LabourFigures.Peer, ServiceName);
        services.AddPlatformGrpcClient<Zones.ZonesClient>(ZonesRebuild.Peer, ServiceName);
        services.AddScoped<LabourFigures>();
        services.AddScoped<CatalogueRebuild>();
        services.AddScoped<ZonesRebuild>();
        return services;
    }

    public static WebApplication MapApplicationEndpoints(this WebApplication app)
    {
        app.MapReportEndpoints();
        app.MapGrpcService<ReportingGrpcService>();
        return app;
    }
}
