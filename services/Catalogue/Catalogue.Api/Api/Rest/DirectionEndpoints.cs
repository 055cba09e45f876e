using Microsoft.OpenApi;
using static Platform.ServiceDefaults.Hosting.ApiDocumentation;
using Catalogue.Api.Application;

namespace Catalogue.Api.Api.Rest;

/// <summary>/api/v1/catalogue/directions/{id}/entries (monitoring) and /nodes/{id} (tree edits).</summary>
public static class DirectionEndpoints
{
    public static RouteGroupBuilder MapDirectionEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/directions/{id:guid}/entries", async (Guid id, HttpRequest request, MonitoringCommands commands, CancellationToken ct) =>
        {
            var entry = await commands.RecordEntryAsync(id, await JsonBody.ReadAsync<RecordEntry>(request, ct), ct);
            return Results.Created($"/api/v1/catalogue/directions/{id}/entries", entry);
        }).WithTags("monitoring").Writes<RecordEntry, EntryView>(StatusCodes.Status201Created, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict).Example(BodyExamples.Entry)
          .WithSummary("Wpis realizacji kierunku za rok lub okres (expectedVersion: 0 dla pierwszego wpisu)");

        // DELETE ?year=2023&expectedVersion=1: the current entry of the period is withdrawn by a new version that says so.
        api.MapDelete("/directions/{id:guid}/entries", async (Guid id, HttpRequest request, MonitoringCommands commands, CancellationToken ct) =>
        {
            var errors = new ValidationErrors();
            var command = new WithdrawEntry(RequestReader.Int(request, "year", errors), RequestReader.Int(request, "yearFrom", errors),
                RequestReader.Int(request, "yearTo", errors), RequestReader.Int(request, "expectedVersion", errors) ?? 0);
            errors.ThrowIfAny();
            return Results.Ok(await commands.WithdrawEntryAsync(id, command, ct));
        }).WithTags("monitoring").WritesWithout<EntryView>(StatusCodes.Status200OK, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict)
          .WithSummary("Wycofanie wpisu wprowadzonego omyłkowo (nowa wersja; historia zachowana)")
          .WithQuery([.. StrategyEndpoints.PeriodQuery, Query("expectedVersion", JsonSchemaType.Integer, "wersja wycofywanego wpisu", required: true)]);

        api.MapGet("/directions/{id:guid}/entries", async (Guid id, HttpRequest request, CatalogueQueries queries, CancellationToken ct) =>
        {
            var errors = new ValidationErrors();
            var year = RequestReader.Int(request, "year", errors);
            errors.ThrowIfAny();
            return Results.Ok(await queries.HistoryAsync(id, year, ct));
        }).WithTags("monitoring").Reads<IReadOnlyList<EntryView>>(StatusCodes.Status404NotFound).WithSummary("Historia wpisów kierunku (wszystkie wersje)")
          .WithQuery(Query("year", JsonSchemaType.Integer, "tylko wpisy obejmujące ten rok"));

        api.MapPut("/nodes/{id:guid}", async (Guid id, HttpRequest request, StrategyCommands commands, CancellationToken ct) =>
            Results.Ok(await commands.UpdateNodeAsync(id, await JsonBody.ReadAsync<UpdateNode>(request, ct), ct)))
            .WithTags("strategies").Writes<UpdateNode, NodeView>(StatusCodes.Status200OK, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict).Example(BodyExamples.ChangedDirection)
            .WithSummary("Zmiana węzła drzewa (expectedVersion)");
        return api;
    }
}
