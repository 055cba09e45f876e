using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Testing;
using Reporting.Api.Persistence;

namespace Reporting.Tests;

/// <summary>
/// With the real catalogue: the Chrzanów JSON imported there reaches the read model through the
/// catalogue's outbox and RabbitMQ, the final evaluation comes out as the demo expects, and after the
/// read model is lost a rebuild over gRPC restores it.
/// </summary>
public sealed class CatalogueIntegrationTests(ReportingFixture fixture) : IClassFixture<ReportingFixture>
{
    private readonly ReportClient client = new(fixture);

    [Fact]
    public async Task Import_in_the_catalogue_then_report_then_rebuild_after_a_lost_read_model()
    {
        // The catalogue lets a coordinator of the territory import (identity as the gateway would sign it).
        var strategyId = await SourceServices.ImportChrzanowAsync(fixture);

        await WaitForReadModelAsync(strategyId, "the imported strategy to arrive through events");
        await AssertFinalEvaluationAsync(strategyId);

        // The read model is lost …
        await using (var scope = fixture.Host.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ReportingDbContext>();
            await db.Entries.Where(e => e.StrategyId == strategyId).ExecuteDeleteAsync();
            await db.Nodes.Where(n => n.StrategyId == strategyId).ExecuteDeleteAsync();
            await db.Strategies.Where(s => s.Id == strategyId).ExecuteDeleteAsync();
        }
        // … and rebuilt from the catalogue over gRPC.
        var rebuild = await client.Http.PostAsync("/api/v1/reports/read-model/rebuild", null);
        var result = await rebuild.Content.ReadAsStringAsync();
        Assert.True(rebuild.IsSuccessStatusCode, result);
        await WaitForReadModelAsync(strategyId, "the rebuilt read model");
        await AssertFinalEvaluationAsync(strategyId);
    }

    private async Task WaitForReadModelAsync(Guid strategyId, string what) =>
        await Eventually.AssertAsync(async () =>
        {
            await using var scope = fixture.Host.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<ReportingDbContext>();
            return await db.Strategies.AnyAsync(s => s.Id == strategyId && s.Version > 0)
                && await db.Nodes.CountAsync(n => n.StrategyId == strategyId && n.Kind == "direction") == 92
                && await db.Entries.Where(e => e.StrategyId == strategyId).Select(e => e.DirectionId).Distinct().CountAsync() == 92;
        }, TimeSpan.FromSeconds(60), what);

    private async Task AssertFinalEvaluationAsync(Guid strategyId)
    {
        var html = await client.GenerateHtmlAsync(new { kind = "final-evaluation", strategyId, from = 2015, to = 2023 });
        Assert.Contains("4 obszary strategiczne, dla których sformułowano 4 cele strategiczne, 12 celów operacyjnych oraz 92 kierunki interwencji", html);
        Assert.Matches("data-rule=\"podsumowanie-a-tabela\">[^<]*kierunek I\\.4\\.13", html);
        Assert.Contains("<li>I.2.4 – ", html);
        Assert.Contains("<li>I.4.7 – ", html);
    }
}
