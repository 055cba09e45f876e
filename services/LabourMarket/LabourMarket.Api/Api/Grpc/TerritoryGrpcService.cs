using Grpc.Core;
using LabourMarket.Api.Territory;
using Platform.Contracts.Territory.V1;
using Platform.ServiceDefaults.Grpc;
using Platform.ServiceDefaults.Identity;

namespace LabourMarket.Api.Api.Grpc;

/// <summary>platform.territory.v1.TerritorialRegister: adapts messages to the register's use cases, nothing more.</summary>
public sealed class TerritoryGrpcService(RegisterImport import, TerritoryQueries queries) : TerritorialRegister.TerritorialRegisterBase
{
    public override async Task<ImportRegisterResponse> ImportRegister(ImportRegisterRequest request, ServerCallContext context)
    {
        // A bad file's faults keep the TERC column names ("line[12].POW"); the shared error mapping leaves capitals alone.
        using var file = new MemoryStream(request.File.Memory.ToArray(), writable: false);
        var report = await import.ImportAsync(file, request.FileName, PlatformCaller.From(context.User), context.CancellationToken);
        return TerritoryMessages.ToMessage(report);
    }

    public override async Task<SearchUnitsResponse> SearchUnits(SearchUnitsRequest r, ServerCallContext c) =>
        TerritoryMessages.ToMessage(await queries.SearchAsync(r.Q, r.Level, r.Within, r.Page, r.PageSize, c.CancellationToken));

    public override async Task<GetUnitResponse> GetUnit(GetUnitRequest r, ServerCallContext c) =>
        TerritoryMessages.ToMessage(await queries.GetAsync(r.Code, c.CancellationToken));

    public override async Task<GetRegisterResponse> GetRegister(GetRegisterRequest r, ServerCallContext c) =>
        TerritoryMessages.ToMessage(await queries.RegisterAsync(c.CancellationToken));
}
