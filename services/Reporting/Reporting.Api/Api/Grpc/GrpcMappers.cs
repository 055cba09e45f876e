using Google.Protobuf.WellKnownTypes;
using Reporting.Api.Application;
using Proto = Platform.Contracts.Reporting.V1;

namespace Reporting.Api.Api.Grpc;

public static class GrpcMappers
{
    /// <param name="forReportMakers">False for the public: no error text.</param>
    public static Proto.ReportJob ToProto(ReportJob j, bool forReportMakers = true)
    {
        var p = new Proto.ReportJob
        {
            Id = j.Id.ToString(), Kind = j.Kind, StrategyId = j.StrategyId.ToString(), YearFrom = j.YearFrom, YearTo = j.YearTo,
            DataCutOff = Timestamp.FromDateTimeOffset(j.DataCutOff), State = j.State, Progress = j.Progress, Stage = j.Stage ?? "",
            Error = forReportMakers ? j.Error ?? "" : "", CreatedAt = Timestamp.FromDateTimeOffset(j.CreatedAt),
        };
        if (j.FinishedAt is { } f) p.FinishedAt = Timestamp.FromDateTimeOffset(f);
        p.Published = j.IsPublished;
        p.Version = j.EditVersion;
        if (j.PublishedAt is { } published) p.PublishedAt = Timestamp.FromDateTimeOffset(published);
        if (j.Foreword is { } foreword) p.Foreword = foreword;
        if (j.Conclusions is { } conclusions) p.Conclusions = conclusions;
        p.Artifacts.AddRange(j.Artifacts.Select(ToProto));
        return p;
    }

    public static Proto.ReportEdit ToProto(ReportEdit e)
    {
        var p = new Proto.ReportEdit { Version = e.Version, EditedBy = e.EditedBy, EditedAt = Timestamp.FromDateTimeOffset(e.EditedAt) };
        if (e.Foreword is { } foreword) p.Foreword = foreword;
        if (e.Conclusions is { } conclusions) p.Conclusions = conclusions;
        return p;
    }

    public static Proto.ArtifactInfo ToProto(ReportArtifact a) =>
        new() { Format = a.Format, ContentType = a.ContentType, SizeBytes = a.SizeBytes, Sha256 = a.Sha256 };

    public static Proto.RebuildReadModelResponse ToProto(RebuildResult r)
    {
        var p = new Proto.RebuildReadModelResponse();
        if (r.Catalogue is { } c) p.Catalogue = new Proto.CatalogueRebuilt { Strategies = c.Strategies, Nodes = c.Nodes, Entries = c.Entries };
        if (r.Labour is { } l) p.Labour = new Proto.LabourRebuilt { Read = l.Read, Added = l.Added };
        if (r.Zones is { } z)
            p.Zones = new Proto.ZonesRebuilt { Zones = z.Zones, ZoneVersionsAdded = z.ZoneVersionsAdded, Plots = z.Plots, PlotVersionsAdded = z.PlotVersionsAdded };
        return p;
    }
}
