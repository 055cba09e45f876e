using Platform.ServiceDefaults.Validation;
using Google.Protobuf;
using Grpc.Core;
using Platform.ServiceDefaults.Errors;
using Reporting.Api.Application;
using Proto = Platform.Contracts.Reporting.V1;

namespace Reporting.Api.Api.Grpc;

/// <summary>
/// platform.reporting.v1.ReportingService: a thin shell over <see cref="ReportJobs"/>, the same use cases REST calls.
/// Bad input, refusals and "not found" become statuses in the shared ApplicationErrorInterceptor.
/// </summary>
public sealed class ReportingGrpcService(ReportJobs jobs, ReportDrafts drafts, ReadModelRebuild rebuild) : Proto.ReportingService.ReportingServiceBase
{
    public override async Task<Proto.ReportJob> StartReport(Proto.StartReportRequest r, ServerCallContext c)
    {
        var request = new StartReportRequest(r.Kind, Identifiers.Parse(r.StrategyId, "strategy_id"), r.HasYear ? r.Year : null, r.HasFrom ? r.From : null,
            r.HasTo ? r.To : null, r.DataCutOff?.ToDateTimeOffset());
        return GrpcMappers.ToProto(await jobs.StartAsync(request, c.CancellationToken));
    }

    public override async Task<Proto.ReportJob> GetReport(Proto.GetReportRequest r, ServerCallContext c) =>
        GrpcMappers.ToProto(await Find(r.Id, c.CancellationToken), jobs.SeesDrafts);

    public override async Task WatchReport(Proto.GetReportRequest r, IServerStreamWriter<Proto.ReportJob> stream, ServerCallContext c)
    {
        string? last = null;
        while (true)
        {
            var job = await Find(r.Id, c.CancellationToken);
            var key = $"{job.State}/{job.Progress}/{job.Stage}";
            if (key != last)
            {
                await stream.WriteAsync(GrpcMappers.ToProto(job, jobs.SeesDrafts), c.CancellationToken);
                last = key;
            }
            if (job.State is JobStates.Succeeded or JobStates.Failed) return;
            // Progress lives in the database (the worker may be another replica): poll it.
            await Task.Delay(TimeSpan.FromMilliseconds(250), c.CancellationToken);
        }
    }

    public override async Task<Proto.ListReportsResponse> ListReports(Proto.ListReportsRequest r, ServerCallContext c)
    {
        Guid? strategy = r.StrategyId.Length == 0 ? null : Identifiers.Parse(r.StrategyId, "strategy_id");
        // 0 = not given (proto3): the first page, 20 a page.
        var page = r.Page == 0 ? 1 : r.Page;
        var size = r.PageSize == 0 ? 20 : r.PageSize;
        var paging = new ValidationErrors();
        Paging.Check(paging, page, size, 200, "page", "page_size");
        paging.ThrowIfAny();
        var (items, total) = await jobs.ListAsync(strategy, page, size, c.CancellationToken);
        return new Proto.ListReportsResponse { Items = { items.Select(j => GrpcMappers.ToProto(j, jobs.SeesDrafts)) }, Total = total, Page = page, PageSize = size };
    }

    public override async Task<Proto.Artifact> GetArtifact(Proto.GetArtifactRequest r, ServerCallContext c)
    {
        var id = Identifiers.Parse(r.Id, "id");
        // The same words as REST's 404.
        var (a, fileName) = await jobs.DownloadAsync(id, r.Format, c.CancellationToken)
            ?? throw new NotFoundException($"Raport {id} nie ma (jeszcze) pliku w formacie {r.Format}.");
        var info = GrpcMappers.ToProto(a);
        info.FileName = fileName;
        return new Proto.Artifact { Info = info, Content = ByteString.CopyFrom(a.Content) };
    }

    public override async Task<Proto.ReportJob> EditDraft(Proto.EditDraftRequest r, ServerCallContext c) =>
        GrpcMappers.ToProto(await drafts.EditAsync(Identifiers.Parse(r.Id, "id"), r.HasForeword ? r.Foreword : null,
            r.HasConclusions ? r.Conclusions : null, r.ExpectedVersion, c.CancellationToken));

    public override async Task<Proto.ReportJob> PublishReport(Proto.PublishReportRequest r, ServerCallContext c)
    {
        var job = await drafts.PublishAsync(Identifiers.Parse(r.Id, "id"), r.ExpectedVersion, c.CancellationToken);
        return GrpcMappers.ToProto(await Find(job.Id.ToString(), c.CancellationToken));
    }

    public override async Task<Proto.ListReportEditsResponse> ListReportEdits(Proto.GetReportRequest r, ServerCallContext c)
    {
        var job = await Find(r.Id, c.CancellationToken);
        // As REST: the versions are the report makers' working papers.
        if (!jobs.SeesDrafts) throw new NotFoundException($"Nie ma raportu {job.Id}.");
        return new Proto.ListReportEditsResponse { Edits = { (await drafts.HistoryAsync(job.Id, c.CancellationToken)).Select(GrpcMappers.ToProto) } };
    }

    public override async Task<Proto.RebuildReadModelResponse> RebuildReadModel(Proto.RebuildReadModelRequest r, ServerCallContext c)
    {
        try { return GrpcMappers.ToProto(await rebuild.RebuildAsync(r.Sources, c.CancellationToken)); }
        catch (Clients.SourceUnavailableException u) { throw new RpcException(new Status(StatusCode.Unavailable, u.Message)); }
    }

    private async Task<ReportJob> Find(string id, CancellationToken ct)
    {
        var parsed = Identifiers.Parse(id, "id");
        return await jobs.GetAsync(parsed, ct) ?? throw new NotFoundException($"Nie ma raportu {parsed}.");
    }
}
