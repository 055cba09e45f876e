using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts.Events.Catalogue.V1;
using Platform.ServiceDefaults.Identity;
using Platform.Testing;
using Reporting.Api.Persistence;

namespace Reporting.Tests;

/// <summary>
/// A report is a draft for those who make reports until an analyst publishes it: the public never sees a draft or a
/// failed job; a foreword and edited conclusions are versions of the draft and come out in its files; publishing freezes it.
/// </summary>
public sealed class ReportLifecycleTests(ReportingFixture fixture) : IClassFixture<ReportingFixture>
{
    [Fact]
    public async Task A_draft_is_edited_as_versions_then_published_for_everyone_and_frozen()
    {
        var strategyId = await StrategyAsync();
        var client = new ReportClient(fixture);
        using var analyst = fixture.Host.CreateHttpClient().As(PlatformRoles.Analyst, "1203");
        using var anonymous = fixture.Host.CreateHttpClient();
        var id = (await client.StartAsync(new { kind = "yearly-monitoring", strategyId, year = 2022 })).GetProperty("id").GetString()!;
        var job = await client.WaitAsync(id);
        Assert.False(job.GetProperty("published").GetBoolean());

        // A draft: the public neither lists it nor opens it nor downloads it.
        Assert.DoesNotContain(id, await anonymous.GetStringAsync($"/api/v1/reports?strategyId={strategyId}"));
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/api/v1/reports/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/api/v1/reports/{id}/content.pdf")).StatusCode);

        // A coordinator may read drafts but not edit them; the analyst edits (version 0 → 1), the files are made again.
        using var coordinator = fixture.Host.CreateHttpClient().As(PlatformRoles.Coordinator, "1203");
        var edit = new { foreword = "Raport dla Rady Gminy Trzebinia.", conclusions = "Dokończyć remont drogi.\nUzupełnić wpisy za 2022 r.", expectedVersion = 0 };
        Assert.Equal(HttpStatusCode.Forbidden, (await coordinator.PutAsJsonAsync($"/api/v1/reports/{id}/draft", edit)).StatusCode);
        using (var response = await analyst.PutAsJsonAsync($"/api/v1/reports/{id}/draft", edit))
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        job = await client.WaitAsync(id);
        Assert.Equal(1, job.GetProperty("version").GetInt32());
        var html = System.Text.Encoding.UTF8.GetString(await client.ContentAsync(id, "html"));
        Assert.Contains("Raport dla Rady Gminy Trzebinia.", html);
        Assert.Contains("<li>Dokończyć remont drogi.</li><li>Uzupełnić wpisy za 2022 r.</li>", html);
        // A stale version is a conflict, nothing changes.
        using (var stale = await analyst.PutAsJsonAsync($"/api/v1/reports/{id}/draft", edit))
        {
            Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
            Assert.Equal(1, (await stale.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("currentVersion").GetInt32());
        }
        // The second edit keeps the first as a version.
        using (var second = await analyst.PutAsJsonAsync($"/api/v1/reports/{id}/draft", new { conclusions = "Dokończyć remont drogi w 2023 r.", expectedVersion = 1 }))
            Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);
        job = await client.WaitAsync(id);
        var edits = await analyst.GetFromJsonAsync<JsonElement>($"/api/v1/reports/{id}/edits");
        Assert.Equal([1, 2], edits.EnumerateArray().Select(e => e.GetProperty("version").GetInt32()).ToArray());
        Assert.Contains("Uzupełnić wpisy", edits[0].GetProperty("conclusions").GetString());
        Assert.Equal("Raport dla Rady Gminy Trzebinia.", edits[1].GetProperty("foreword").GetString());

        // Published: everyone sees it and its files; nobody changes it any more.
        using (var published = await analyst.PostAsync($"/api/v1/reports/{id}/publish?expectedVersion=2", null))
            Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        var seen = await anonymous.GetFromJsonAsync<JsonElement>($"/api/v1/reports/{id}");
        Assert.True(seen.GetProperty("published").GetBoolean());
        Assert.Contains("Dokończyć remont drogi w 2023 r.", System.Text.Encoding.UTF8.GetString(await anonymous.GetByteArrayAsync($"/api/v1/reports/{id}/content.html")));
        using (var frozen = await analyst.PutAsJsonAsync($"/api/v1/reports/{id}/draft", new { foreword = "Zmiana po publikacji", expectedVersion = 2 }))
        {
            Assert.Equal(HttpStatusCode.Conflict, frozen.StatusCode);
            Assert.Contains("opublikowanego raportu nie można", (await frozen.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        }
    }

    [Fact]
    public async Task The_public_never_sees_a_failed_job_or_its_reason()
    {
        // A job for a strategy the read model does not know fails; only those who make reports see it.
        var id = Guid.NewGuid();
        await using (var scope = fixture.Host.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ReportingDbContext>();
            db.Jobs.Add(new Reporting.Api.Application.ReportJob
            {
                Id = id, Kind = "yearly-monitoring", StrategyId = Guid.NewGuid(), YearFrom = 2022, YearTo = 2022, DataCutOff = DateTimeOffset.UtcNow,
                State = "failed", Error = "Strategii nie ma (jeszcze) w danych raportów", CreatedAt = DateTimeOffset.UtcNow,
            });
            await db.SaveChangesAsync();
        }
        using var anonymous = fixture.Host.CreateHttpClient();
        var list = await anonymous.GetStringAsync("/api/v1/reports?pageSize=200");
        Assert.DoesNotContain(id.ToString(), list);
        Assert.DoesNotContain("\"failed\"", list);
        // Of no strategy the read model knows, so of no territory: the administrator sees it.
        using var admin = fixture.Host.CreateHttpClient().As(PlatformRoles.Admin, "");
        Assert.Contains(id.ToString(), await admin.GetStringAsync("/api/v1/reports?pageSize=200"));
    }

    [Fact]
    public async Task The_shared_pdf_browser_killed_between_reports_is_started_again()
    {
        var strategyId = await StrategyAsync();
        var client = new ReportClient(fixture);
        var first = (await client.StartAsync(new { kind = "yearly-monitoring", strategyId, year = 2022 })).GetProperty("id").GetString()!;
        Assert.Equal("succeeded", (await client.WaitAsync(first)).GetProperty("state").GetString());
        // The service keeps one headless Chromium; kill this host's one (by its profile directory) as the OOM killer would.
        var profile = fixture.Host.Services.GetRequiredService<Reporting.Api.Rendering.ChromiumBrowser>().ProfileDirectory;
        Assert.NotNull(profile);
        var killed = 0;
        foreach (var dir in Directory.EnumerateDirectories("/proc").Where(d => int.TryParse(Path.GetFileName(d), out _)))
        {
            string cmdline;
            try { cmdline = File.ReadAllText(Path.Combine(dir, "cmdline")); } catch (IOException) { continue; }
            if (!cmdline.Contains(profile)) continue;
            try { System.Diagnostics.Process.GetProcessById(int.Parse(Path.GetFileName(dir))).Kill(); killed++; } catch (ArgumentException) { } catch (InvalidOperationException) { }
        }
        Assert.True(killed > 0, "the first report's PDF was printed by a long-lived Chromium");

        var second = (await client.StartAsync(new { kind = "yearly-monitoring", strategyId, year = 2022 })).GetProperty("id").GetString()!;
        var job = await client.WaitAsync(second);
        Assert.Equal("succeeded", job.GetProperty("state").GetString());
        Assert.Contains("Strona 1 z", await PdfText.ExtractAsync(await client.ContentAsync(second, "pdf")));
    }

    private async Task<Guid> StrategyAsync()
    {
        var strategyId = Guid.NewGuid();
        var client = new ReportClient(fixture);
        var area = Guid.NewGuid();
        var direction = Guid.NewGuid();
        await client.PublishAsync(new StrategyPublished(strategyId, "cykl-" + strategyId.ToString("N")[..8], "Strategia z raportem roboczym", "gmina", ["1203053"], "Gmina Trzebinia",
            2020, 2025, null, null, null, "adopted", null, 1, TestData.Imported));
        await client.PublishAsync(new StrategyTreeChanged(strategyId, "cykl", 1,
            [TestData.Node(area, null, "area", "1", "Obszar 1", 1, false), TestData.Node(direction, area, "direction", "1.1", "Kierunek 1.1 – drogi", 2, false)], TestData.Imported));
        await Eventually.AssertAsync(async () =>
        {
            await using var scope = fixture.Host.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<ReportingDbContext>();
            return await db.Nodes.CountAsync(n => n.StrategyId == strategyId) == 2 && await db.Strategies.AnyAsync(s => s.Id == strategyId && s.Version > 0);
        }, TimeSpan.FromSeconds(30), "the strategy to reach the read model");
        return strategyId;
    }
}
