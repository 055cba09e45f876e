using Platform.Grpc;
using Platform.Grpc.Client;
using Platform.Messaging.Configuration;
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
        builder.AddMessaging(ServiceName, x =>
        {
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
        services.AddScoped<ReportGenerator>();
        services.Configure<PdfOptions>(builder.Configuration.GetSection("Pdf"));
        // The order here is the order the formats are rendered (and listed).
        services.AddSingleton<IReportRenderer, HtmlRenderer>();
        services.AddSingleton<IReportRenderer, CsvRenderer>();
        services.AddSingleton<IReportRenderer, XlsxRenderer>();
        services.AddSingleton<IReportRenderer, DocxRenderer>();
        services.AddSingleton<IReportRenderer, PdfRenderer>();
        services.AddHostedService<ReportWorker>();
        services.AddScoped<ReportingGrpcService>();
        // The rebuild reads the catalogue, labour and zones over gRPC (GrpcClients:{catalogue,labour,zones}:Address);
        // the consumer of large labour batches reads labour too.
        services.AddGrpcClient(CatalogueRebuild.CatalogueClient);
        services.AddGrpcClient(LabourFigures.ClientName);
        services.AddGrpcClient(ZonesRebuild.ZonesClient);
        services.AddScoped<LabourFigures>();
        services.AddScoped<CatalogueRebuild>();
        services.AddScoped<LabourRebuild>();
        services.AddScoped<ZonesRebuild>();
        services.AddScoped<ReadModelRebuild>();
        return builder;
    }

    public static WebApplication MapApplicationEndpoints(this WebApplication app)
    {
        app.MapReportEndpoints();
        app.MapGrpcService<ReportingGrpcService>();
        return app;
    }
}
