using System.Net;
using System.Net.Http.Json;
using Grpc.Core;
using Platform.ServiceDefaults.Grpc;
using Platform.ServiceDefaults.Identity;
using Platform.Testing;
using Proto = Platform.Contracts.Zones.V1;
using static Zones.Tests.TestData;

namespace Zones.Tests;

/// <summary>ExportZoneHistory: every version of every zone and plot, in pages with a resume cursor, for analysts and services only.</summary>
public sealed class HistoryExportTests(ZonesFixture fixture) : IClassFixture<ZonesFixture>
{
    private static CallOptions As(string role) => new(TestIdentity.Headers(role, "", role + "-1"), ZonesFixture.Deadline());

    private async Task<List<Proto.ZoneHistoryPage>> ExportAsync(string role, string cursor = "", int pageSize = 0)
    {
        using var call = fixture.GrpcClient.ExportZoneHistory(new Proto.ExportZoneHistoryRequest { Cursor = cursor, PageSize = pageSize }, As(role));
        var pages = new List<Proto.ZoneHistoryPage>();
        while (await call.ResponseStream.MoveNext(CancellationToken.None)) pages.Add(call.ResponseStream.Current);
        return pages;
    }

    private static IEnumerable<string> Keys(IEnumerable<Proto.ZoneHistoryPage> pages) =>
        pages.SelectMany(p => p.Zones.Select(z => $"zone {z.ZoneId} {z.Version}").Concat(p.Plots.Select(v => $"plot {v.PlotId} {v.Version}")));

    /// <summary>A zone registered and changed twice, with a plot registered and sold; once per fixture.</summary>
    private async Task<(Guid Zone, Guid Plot)> SeedAsync()
    {
        await fixture.SeedOnceAsync("history", async () =>
        {
            using var client = fixture.Client();
            var rect = Rect.Around(19.45, 50.17, 600);
            var zone = (await PostZoneAsync(client, Zone("Strefa z historią", rect, total: 30, available: 20))).GetProperty("zone").GetProperty("id").GetGuid();
            foreach (var (total, available) in new[] { (36.0, 24.5), (36.0, 11.25) })
                using (var changed = await client.PutAsJsonAsync($"api/v1/zones/{zone}", Zone("Strefa z historią", rect, total: total, available: available)))
                    Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
            using var added = await client.PostAsJsonAsync($"api/v1/zones/{zone}/plots", new { parcelId = "12/3", areaHa = 1.5, state = "available" });
            Assert.Equal(HttpStatusCode.Created, added.StatusCode);
            var plot = (await added.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("id").GetGuid();
            using var sold = await client.PutAsJsonAsync($"api/v1/zones/{zone}/plots/{plot}", new { parcelId = "12/3", areaHa = 1.5, state = "sold" });
            Assert.Equal(HttpStatusCode.OK, sold.StatusCode);
            // A second zone and plot, so pages and cursors have more than one key to walk.
            var other = (await PostZoneAsync(client, Zone("Strefa bez zmian", Rect.Around(19.52, 50.19, 400), Chrzanow))).GetProperty("zone").GetProperty("id").GetGuid();
            using var otherPlot = await client.PostAsJsonAsync($"api/v1/zones/{other}/plots", new { parcelId = "7/1", areaHa = 0.8, state = "reserved" });
            Assert.Equal(HttpStatusCode.Created, otherPlot.StatusCode);
        });
        var pages = await ExportAsync(PlatformRoles.Analyst);
        return (Guid.Parse(pages.SelectMany(p => p.Zones).First(z => z.Name == "Strefa z historią").ZoneId),
            Guid.Parse(pages.SelectMany(p => p.Plots).First(p => p.ParcelId == "12/3").PlotId));
    }

    [Fact]
    public async Task A_zone_changed_twice_has_three_versions_in_order_with_its_plot_versions()
    {
        var (zone, plot) = await SeedAsync();
        var pages = await ExportAsync(PlatformRoles.Service);

        var versions = pages.SelectMany(p => p.Zones).Where(z => z.ZoneId == zone.ToString()).ToList();
        Assert.Equal([1, 2, 3], versions.Select(v => v.Version));
        Assert.Equal([30.0, 36.0, 36.0], versions.Select(v => v.TotalAreaHa));
        Assert.Equal([20.0, 24.5, 11.25], versions.Select(v => v.AvailableAreaHa));
        Assert.All(versions, v => Assert.Equal((Trzebinia, "1203", "sag", "operating", 2014), (v.GminaTeryt, v.PowiatTeryt, v.Kind, v.State, v.YearEstablished)));
        Assert.True(versions.Zip(versions.Skip(1)).All(p => p.First.WrittenAt.ToDateTimeOffset() <= p.Second.WrittenAt.ToDateTimeOffset()));
        Assert.All(versions, v => Assert.True(v.ComputedAreaHa > 30, $"computed {v.ComputedAreaHa} ha"));

        var plotVersions = pages.SelectMany(p => p.Plots).Where(p => p.PlotId == plot.ToString()).ToList();
        Assert.Equal([(1, "available", ""), (2, "sold", "available")], plotVersions.Select(p => (p.Version, p.State, p.PreviousState)));
        Assert.All(plotVersions, p => Assert.Equal((zone.ToString(), "12/3", 1.5, Trzebinia, 2014), (p.ZoneId, p.ParcelId, p.AreaHa, p.GminaTeryt, p.ZoneYearEstablished)));

        // Zone versions come first, then plot versions; every page holds one kind.
        Assert.All(pages, p => Assert.True(p.Zones.Count == 0 ^ p.Plots.Count == 0));
        Assert.True(pages.SkipWhile(p => p.Zones.Count > 0).All(p => p.Zones.Count == 0));
    }

    [Fact]
    public async Task Small_pages_give_the_same_versions_and_a_cursor_resumes_after_its_page()
    {
        await SeedAsync();
        var whole = Keys(await ExportAsync(PlatformRoles.Analyst)).ToList();
        Assert.True(whole.Count >= 7, string.Join("; ", whole));

        var paged = await ExportAsync(PlatformRoles.Analyst, pageSize: 2);
        Assert.All(paged, p => Assert.InRange(p.Zones.Count + p.Plots.Count, 1, 2));
        Assert.Equal(whole, Keys(paged));

        // Resuming from any page's cursor gives exactly what followed it, across the switch from zones to plots too.
        for (var i = 0; i < paged.Count; i++)
        {
            var rest = Keys(await ExportAsync(PlatformRoles.Service, paged[i].Cursor, 3)).ToList();
            Assert.Equal(whole.Skip(Keys(paged.Take(i + 1)).Count()), rest);
        }
    }

    [Fact]
    public async Task Only_analysts_administrators_and_services_may_export()
    {
        await SeedAsync();
        var anonymous = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            using var call = fixture.GrpcClient.ExportZoneHistory(new Proto.ExportZoneHistoryRequest(), fixture.Anonymous());
            await call.ResponseStream.MoveNext(CancellationToken.None);
        });
        Assert.Equal(StatusCode.Unauthenticated, anonymous.StatusCode);
        var planner = await Assert.ThrowsAsync<RpcException>(() => ExportAsync(PlatformRoles.Planner));
        Assert.Equal(StatusCode.PermissionDenied, planner.StatusCode);
        Assert.NotEmpty(await ExportAsync(PlatformRoles.Admin));
    }

    [Theory]
    [InlineData("zone:nie-uuid:1", 0, "cursor")]
    [InlineData("strefa:00000000-0000-0000-0000-000000000000:1", 0, "cursor")]
    [InlineData("plot:00000000-0000-0000-0000-000000000000:-1", 0, "cursor")]
    [InlineData("", 5001, "page_size")]
    [InlineData("", -1, "page_size")]
    public async Task Bad_arguments_are_refused_naming_the_field(string cursor, int pageSize, string field)
    {
        var bad = await Assert.ThrowsAsync<RpcException>(() => ExportAsync(PlatformRoles.Analyst, cursor, pageSize));
        Assert.Equal(StatusCode.InvalidArgument, bad.StatusCode);
        Assert.Contains(bad.FieldViolations(), v => v.Field == field);
    }
}
