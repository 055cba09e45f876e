using Platform.ServiceDefaults.Errors;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Platform.Grpc;
using Reporting.Api.Application;
using Proto = Platform.Contracts.Reporting.V1;

namespace Reporting.Api.Api.Grpc;

/// <summary>platform.reporting.v1.ReportingService: a thin shell over <see cref="ReportJobs"/>, the same use cases REST calls.</summary>
public sealed class ReportingGrpcService(ReportJobs jobs, ReadModelRebuild rebuild) : IGrpcService<ReportingGrpcService>
{
    public static Google.Protobuf.Reflection.ServiceDescriptor Descriptor => Proto.ReportingReflection.Descriptor.Services[0];

    public static void Bind(ServiceBinder<ReportingGrpcService> b) => b
        .Unary<Proto.StartReportRequest, Proto.ReportJob>("StartReport", static (s, r, c) => s.Start(r, c))
        .ServerStreaming<Proto.GetReportRequest, Proto.ReportJob>("WatchReport", static (s, r, w, c) => s.Watch(r, w, c))
        .Unary<Proto.GetReportRequest, Proto.ReportJob>("GetReport", static (s, r, c) => s.Get(r, c))
        .Unary<Proto.ListReportsRequest, Proto.ListReportsResponse>("ListReports", static (s, r, c) => s.List(r, c))
        .Unary<Proto.GetArtifactRequest, Proto.Artifact>("GetArtifact", static (s, r, c) => s.Artifact(r, c))
        .Unary<Proto.RebuildReadModelRequest, Proto.RebuildReadModelResponse>("RebuildReadModel", static (s, r, c) => s.Rebuild(r, c));

    public async Task<Proto.ReportJob> Start(Proto.StartReportRequest r, ServerCallContext c)
    {
        var request = new StartReportRequest(r.Kind, Identifiers.Parse(r.StrategyId, "strategy_id"), r.HasYear ? r.Year : null, r.HasFrom ? r.From : null,
            r.HasTo ? r.To : null, r.DataCutOff?.ToDateTimeOffset());
        return GrpcMappers.ToProto(await jobs.StartAsync(request, c.CancellationToken));
    }

    public async Task<Proto.ReportJob> Get(Proto.GetReportRequest r, ServerCallContext c) =>
        GrpcMappers.ToProto(await Find(r.Id, c.CancellationToken));

    public async Task Watch(Proto.GetReportRequest r, IServerStreamWriter<Proto.ReportJob> stream, ServerCallContext c)
    {
        string? last = null;
        while (true)
        {
            var job = await Find(r.Id, c.CancellationToken);
            var key = $"{job.State}/{job.Progress}/{job.Stage}";
            if (key != last)
            {
                await stream.WriteAsync(GrpcMappers.ToProto(job), c.CancellationToken);
                last = key;
            }
            if (job.State is JobStates.Succeeded or JobStates.Failed) return;
            // Progress lives in the database (the worker may be another replica): poll it.
            await Task.Delay(TimeSpan.FromMilliseconds(250), c.CancellationToken);
        }
    }

    public async Task<Proto.ListReportsResponse> List(Proto.ListReportsRequest r, ServerCallContext c)
    {
        Guid? strategy = r.StrategyId.Length == 0 ? null : Identifiers.Parse(r.StrategyId, "strategy_id");
        var paging = new ValidationErrors();
        if (r.Page < 0) paging.Add("page", "Numer strony nie może być ujemny (0 = pierwsza).");
        if (r.PageSize is < 0 or > 200) paging.Add("page_size", "Dozwolone 0–200 (0 = 20).");
        paging.ThrowIfAny();
        var page = r.Page == 0 ? 1 : r.Page;
        var size = r.PageSize == 0 ? 20 : r.PageSize;
        var (items, total) = await jobs.ListAsync(strategy, page, size, c.CancellationToken);
        return new Proto.ListReportsResponse { Items = { items.Select(GrpcMappers.ToProto) }, Total = total, Page = page, PageSize = size };
    }

    public async Task<Proto.Artifact> Artifact(Proto.GetArtifactRequest r, ServerCallContext c)
    {
        var id = Identifiers.Parse(r.Id, "id");
        var a = await jobs.ContentAsync(id, r.Format, c.CancellationToken)
            ?? throw new RpcException(StatusCode.NotFound, $"Report {r.Id} has no {r.Format} artifact");
        return new Proto.Artifact { Info = GrpcMappers.ToProto(a), Content = ByteString.CopyFrom(a.Content) };
    }

    public async Task<Proto.RebuildReadModelResponse> Rebuild(Proto.RebuildReadModelRequest r, ServerCallContext c)
    {
        try { return GrpcMappers.ToProto(await rebuild.RebuildAsync(r.Sources, c.CancellationToken)); }
        catch (Clients.SourceUnavailableException u) { throw new RpcException(StatusCode.Unavailable, u.Message); }
    }

    private async Task<ReportJob> Find(string id, CancellationToken ct) =>
        await jobs.GetAsync(Identifiers.Parse(id, "id"), ct) ?? throw new RpcException(StatusCode.NotFound, $"Report {id} not found");

}
