using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using LabourMarket.Api.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts.Labour.V1;
using Platform.ServiceDefaults.Identity;
using Platform.Testing;
using Reporting.Api.Persistence;

namespace Reporting.Tests;

/// <summary>Writes into the real labour and zones services beside reporting, as their users would, and reads both sides back.</summary>
public static class SourceServices
{
    /// <summary>One figure revision as both read models see it: the key, its revision and the exact value.</summary>
    public sealed record Figure(string Indicator, string Unit, string Period, string Breakdown, int Revision, decimal Value, DateTimeOffset ReceivedAt);

    /// <summary>Units the labour service ships (powiat chrzanowski, its gminy and their parts).</summary>
    public static readonly string[] Units =
        ["1203", "1203013", "1203014", "1203015", "1203022", "1203033", "1203034", "1203035", "1203043", "1203044", "1203045", "1203053", "1203054", "1203055"];

    public static ObservationRow Row(string indicator, string unit, string period, double value, string breakdown = "total") =>
        new() { Indicator = indicator, Unit = unit, Period = period, Value = value, Breakdown = breakdown };

    /// <summary>A batch through labour's gRPC feed, as an administrator signed by the gateway's key.</summary>
    public static async Task<SubmitObservationsResponse> SubmitAsync(ReportingFixture fixture, string batchId, IEnumerable<ObservationRow> rows)
    {
        var labour = new Platform.Contracts.Labour.V1.LabourMarket.LabourMarketClient(fixture.Labour.Channel);
        using var call = labour.SubmitObservations(TestIdentity.Headers(PlatformRoles.Admin, "", "pup"), DateTime.UtcNow.AddSeconds(120));
        var first = true;
        foreach (var chunk in rows.Chunk(1000))
        {
            var message = new SubmitObservationsRequest { BatchId = first ? batchId : "", Source = first ? "PUP testowy" : "" };
            message.Rows.Add(chunk);
            await call.RequestStream.WriteAsync(message);
            first = false;
        }
        await call.RequestStream.CompleteAsync();
        return await call;
    }

    public static async Task<List<Figure>> LabourFiguresAsync(ReportingFixture fixture, string batchId)
    {
        await using var scope = fixture.Labour.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LabourMarketDbContext>();
        return (await db.Observations.AsNoTracking().Where(o => o.BatchId == batchId).ToListAsync())
            .Select(o => new Figure(o.IndicatorCode, o.UnitTeryt, o.Period, o.Breakdown, o.Revision, o.Value, o.ReceivedAt.ToUniversalTime()))
            .OrderBy(f => (f.Indicator, f.Unit, f.Period, f.Breakdown, f.Revision)).ToList();
    }

    public static async Task<List<Figure>> ReportingFiguresAsync(ReportingFixture fixture, string batchId)
    {
        await using var scope = fixture.Host.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ReportingDbContext>();
        return (await db.Observations.AsNoTracking().Where(o => o.BatchId == batchId).ToListAsync())
            .Select(o => new Figure(o.Indicator, o.Unit, o.Period, o.Breakdown, o.Revision, o.Value, o.ReceivedAt.ToUniversalTime()))
            .OrderBy(f => (f.Indicator, f.Unit, f.Period, f.Breakdown, f.Revision)).ToList();
    }

    public static async Task<int> ReportingCountAsync(ReportingFixture fixture, string batchId)
    {
        await using var scope = fixture.Host.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<ReportingDbContext>().Observations.CountAsync(o => o.BatchId == batchId);
    }

    /// <summary>The shipped Chrzanów strategy imported in the real catalogue by a coordinator of the powiat; its id.</summary>
    public static async Task<Guid> ImportChrzanowAsync(ReportingFixture fixture)
    {
        using var catalogue = fixture.Catalogue.CreateHttpClient().As("coordinator", "1203");
        var json = await File.ReadAllTextAsync(Path.Combine(TestData.Root, "services/Catalogue/Catalogue.Api/DemoData/chrzanow-strategy-2015-2023.json"));
        using var response = await catalogue.PostAsync("/api/v1/catalogue/strategies/import", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("strategyId").GetGuid();
    }

    /// <summary>A square zone of about 300 m around the point, registered by a planner of the powiat.</summary>
    public static async Task<Guid> RegisterZoneAsync(ReportingFixture fixture, string name, string gmina, double lon, double lat, double total, double available)
    {
        using var http = fixture.Zones.CreateHttpClient().As(PlatformRoles.Planner, "1203", "planista");
        using var response = await http.PostAsJsonAsync("/api/v1/zones", ZoneBody(name, gmina, lon, lat, total, available));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.GetProperty("zone").GetProperty("id").GetGuid();
    }

    /// <summary>The planner corrects the zone's areas (the rest as registered by <see cref="RegisterZoneAsync"/>).</summary>
    public static async Task ChangeZoneAsync(ReportingFixture fixture, Guid zone, string name, string gmina, double lon, double lat, double total, double available)
    {
        using var http = fixture.Zones.CreateHttpClient().As(PlatformRoles.Planner, "1203", "planista");
        using var response = await http.PutAsJsonAsync($"/api/v1/zones/{zone}", ZoneBody(name, gmina, lon, lat, total, available));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    private static JsonObject ZoneBody(string name, string gmina, double lon, double lat, double total, double available)
    {
        // A square of the declared area (the zones service refuses a boundary that disagrees with it).
        var half = Math.Sqrt(total * 10_000) / 2;
        double dLat = half / 111_320, dLon = half / (111_320 * Math.Cos(lat * Math.PI / 180));
        var ring = new JsonArray(P(lon - dLon, lat - dLat), P(lon + dLon, lat - dLat), P(lon + dLon, lat + dLat), P(lon - dLon, lat + dLat), P(lon - dLon, lat - dLat));
        return new JsonObject
        {
            ["name"] = name, ["gminaTeryt"] = gmina, ["kind"] = "sag", ["state"] = "operating", ["totalAreaHa"] = total, ["availableAreaHa"] = available,
            ["yearEstablished"] = 2018, ["psiEligible"] = false, ["utilities"] = new JsonObject { ["water"] = "available" }, ["railwaySiding"] = false,
            ["ownership"] = "municipal", ["boundary"] = new JsonObject { ["type"] = "Polygon", ["coordinates"] = new JsonArray(ring) },
            ["approximateBoundary"] = true,
        };

        static JsonArray P(double x, double y) => new(x, y);
    }

    /// <summary>Adds a plot (no boundary) and returns its id.</summary>
    public static async Task<Guid> AddPlotAsync(ReportingFixture fixture, Guid zone, string parcel, decimal areaHa, string state)
    {
        using var http = fixture.Zones.CreateHttpClient().As(PlatformRoles.Planner, "1203", "planista");
        using var response = await http.PostAsJsonAsync($"/api/v1/zones/{zone}/plots", new { parcelId = parcel, areaHa, state });
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.GetProperty("id").GetGuid();
    }

    public static async Task SetPlotStateAsync(ReportingFixture fixture, Guid zone, Guid plot, string parcel, decimal areaHa, string state)
    {
        using var http = fixture.Zones.CreateHttpClient().As(PlatformRoles.Planner, "1203", "planista");
        using var response = await http.PutAsJsonAsync($"/api/v1/zones/{zone}/plots/{plot}", new { parcelId = parcel, areaHa, state });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>The HTML of one section: from its heading to the next one.</summary>
    public static string Section(string html, string title)
    {
        var m = Regex.Match(html, $"<h2 id=\"s\\d+\">\\d+\\. {Regex.Escape(title)}</h2>\n(.*?)(?=<h2|</body>)", RegexOptions.Singleline);
        Assert.True(m.Success, $"the report has no section „{title}”");
        return m.Groups[1].Value;
    }

    /// <summary>The cells of the row of <paramref name="firstCell"/> in the table captioned <paramref name="caption"/>, or null.</summary>
    public static string[]? TableRow(string html, string caption, string firstCell)
    {
        // Captions are numbered in the report ("Tabela nr 7. …").
        var table = Regex.Match(html, $"<caption>(?:Tabela nr \\d+\\. )?{Regex.Escape(caption)}</caption>(.*?)</table>", RegexOptions.Singleline);
        if (!table.Success) return null;
        var row = Regex.Match(table.Groups[1].Value, $"<tr><td>{Regex.Escape(firstCell)}</td>(.*?)</tr>");
        return row.Success ? Regex.Matches(row.Groups[1].Value, "<td>(.*?)</td>").Select(c => c.Groups[1].Value).ToArray() : null;
    }
}
