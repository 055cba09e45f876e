using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts.Events.Catalogue.V1;
using Reporting.Api.Persistence;
using Platform.ServiceDefaults.Identity;
using Platform.Testing;

namespace Reporting.Tests;

/// <summary>
/// Published reports are public; producing, editing and publishing one is an analyst's work for strategies owned within
/// their territory, and only they (and coordinators there) see its drafts; the rebuild needs an administrator.
/// </summary>
public sealed class AuthorizationTests(ReportingFixture fixture) : IClassFixture<ReportingFixture>
{
    private static object Request => new { kind = "final-evaluation", strategyId = Guid.NewGuid(), from = 2015, to = 2023 };

    [Fact]
    public async Task Starting_a_report_needs_a_signed_in_analyst()
    {
        using var anonymous = fixture.Host.CreateHttpClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/api/v1/reports", Request)).StatusCode);

        using var planner = fixture.Host.CreateHttpClient().As(PlatformRoles.Planner, "120305");
        Assert.Equal(HttpStatusCode.Forbidden, (await planner.PostAsJsonAsync("/api/v1/reports", Request)).StatusCode);
        // Coordinators keep strategies and read their drafts; reports are made by analysts (security finding 7).
        using var coordinator = fixture.Host.CreateHttpClient().As(PlatformRoles.Coordinator, "1203");
        Assert.Equal(HttpStatusCode.Forbidden, (await coordinator.PostAsJsonAsync("/api/v1/reports", Request)).StatusCode);

        // Reading the list stays public.
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/api/v1/reports")).StatusCode);
    }

    [Fact]
    public async Task Only_an_administrator_rebuilds_the_read_model()
    {
        using var analyst = fixture.Host.CreateHttpClient().As(PlatformRoles.Analyst, "1203");
        Assert.Equal(HttpStatusCode.Forbidden, (await analyst.PostAsync("/api/v1/reports/read-model/rebuild", null)).StatusCode);
    }

    [Fact]
    public async Task Reports_are_scoped_to_the_analysts_territory()
    {
        // The powiat's strategy (owner 1203) and a report of it, made by the powiat's analyst.
        var strategyId = Guid.NewGuid();
        var client = new ReportClient(fixture);
        await client.PublishAsync(new StrategyPublished(strategyId, "zakres-" + strategyId.ToString("N")[..8], "Strategia powiatu", "powiat", ["1203"], "Powiat chrzanowski",
            2020, 2025, null, null, null, "adopted", null, 1, TestData.Imported));
        await client.PublishAsync(new StrategyTreeChanged(strategyId, "zakres", 1, [TestData.Node(Guid.NewGuid(), null, "area", "1", "Obszar 1", 1, false)], TestData.Imported));
        await Eventually.AssertAsync(async () =>
        {
            await using var scope = fixture.Host.CreateScope();
            return await scope.ServiceProvider.GetRequiredService<ReportingDbContext>().Strategies.AnyAsync(s => s.Id == strategyId && s.Version > 0);
        }, TimeSpan.FromSeconds(30), "the strategy to reach the read model");
        var body = new { kind = "yearly-monitoring", strategyId, year = 2022 };

        // Trzebinia's analyst may not make the powiat's report: 403 naming the territory, nothing queued.
        using var trzebinia = fixture.Host.CreateHttpClient().As(PlatformRoles.Analyst, "1203053");
        using (var refused = await trzebinia.PostAsJsonAsync("/api/v1/reports", body))
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            Assert.Contains("1203053", await refused.Content.ReadAsStringAsync());
        }
        using var powiat = fixture.Host.CreateHttpClient().As(PlatformRoles.Analyst, "1203");
        Assert.Equal(0, (await powiat.GetFromJsonAsync<JsonElement>($"/api/v1/reports?strategyId={strategyId}")).GetProperty("total").GetInt32());

        using var started = await powiat.PostAsJsonAsync("/api/v1/reports", body);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var id = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        await client.WaitAsync(id);

        // The draft is the powiat's working paper: Trzebinia's analyst neither lists, opens, edits nor publishes it.
        Assert.Equal(0, (await trzebinia.GetFromJsonAsync<JsonElement>($"/api/v1/reports?strategyId={strategyId}")).GetProperty("total").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, (await trzebinia.GetAsync($"/api/v1/reports/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await trzebinia.PutAsJsonAsync($"/api/v1/reports/{id}/draft", new { foreword = "Obca przedmowa", expectedVersion = 0 })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await trzebinia.PostAsync($"/api/v1/reports/{id}/publish?expectedVersion=0", null)).StatusCode);
        Assert.Equal(1, (await powiat.GetFromJsonAsync<JsonElement>($"/api/v1/reports?strategyId={strategyId}")).GetProperty("total").GetInt32());

        // Published, it is everyone's.
        Assert.Equal(HttpStatusCode.OK, (await powiat.PostAsync($"/api/v1/reports/{id}/publish?expectedVersion=0", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await trzebinia.GetAsync($"/api/v1/reports/{id}")).StatusCode);
    }
}
