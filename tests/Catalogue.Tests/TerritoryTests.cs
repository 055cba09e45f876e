using System.Net;
using System.Text.Json;
using Catalogue.Api.Persistence;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts.Catalogue.V1;
using Platform.ServiceDefaults.Grpc;
using Platform.ServiceDefaults.Identity;
using Platform.Testing;

namespace Catalogue.Tests;

/// <summary>
/// Owners are units of the TERYT register (the fixture's copy holds the whole GUS file): units named by word are
/// resolved within their context, unknown and ambiguous names and codes are refused naming the field, and strategies
/// are listed by the territory they touch.
/// </summary>
public sealed class TerritoryTests(CatalogueFixture fixture) : IClassFixture<CatalogueFixture>
{
    private const string Import = $"{Api.Root}/strategies/import";
    private const string BliskoKrakowaCode = "blisko-krakowa-2021-2030";

    // Czernichów, Liszki, Mogilany, Skawina, Świątniki Górne in TERC_Urzedowy_2024-01-01.csv (WOJ 12, POW 06).
    private static readonly string[] BliskoKrakowaUnits = ["1206012", "1206072", "1206092", "1206113", "1206143"];

    /// <summary>A strategy in the shared JSON shape (shared/data) whose territory is named by word.</summary>
    private static StringContent StrategyJson(object territory, string code = BliskoKrakowaCode) => TestData.Json(JsonSerializer.Serialize(new
    {
        source = "test",
        strategy = new
        {
            code, name = "Zintegrowana Strategia Rozwoju Podkrakowskiego Obszaru Funkcjonalnego „Blisko Krakowa”",
            period_from = 2021, period_to = 2030, territory,
        },
        areas = new[] { new { code = "I", name = "Gospodarka", strategic_goal = "Konkurencyjna gospodarka obszaru" } },
        operational_goals = new[] { new { code = "I.1", area = "I", name = "Przedsiębiorczość" } },
        directions = new[]
        {
            new { code = "I.1.1", operational_goal = "I.1", title = "Strefa aktywności gospodarczej w Skawinie", realized = "NIE", realization_mode = "W TRAKCIE REALIZACJI", conclusions = "" },
        },
    }));

    private static readonly object BliskoKrakowa = new
    {
        name = "Blisko Krakowa", powiat = "krakowski", gminy = new[] { "Czernichów", "Liszki", "Gmina Mogilany", "gmina Skawina", "Świątniki Górne" },
    };

    private async Task<Guid> BliskoKrakowaAsync()
    {
        using var client = fixture.Client();
        using var response = await client.PostAsync(Import, StrategyJson(BliskoKrakowa));
        var report = await response.ReadJsonAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {report}"); // 200 when another test imported it first
        return report.GetProperty("strategyId").GetGuid();
    }

    [Fact]
    public async Task A_functional_area_named_by_word_imports_with_its_gminy_resolved_in_their_powiat()
    {
        var id = await BliskoKrakowaAsync();
        using var client = fixture.Client();
        var strategy = await client.GetFromJsonAsync<JsonElement>($"{Api.Root}/strategies/{id}", TestData.Web);
        var owner = strategy.GetProperty("owner");
        Assert.Equal("group", owner.GetProperty("kind").GetString());
        Assert.Equal(BliskoKrakowaUnits, owner.GetProperty("units").EnumerateArray().Select(u => u.GetString()!).ToArray());
        // The register's names, not the document's spellings ("gmina Skawina").
        Assert.Equal("Blisko Krakowa: Czernichów, Liszki, Mogilany, Skawina, Świątniki Górne", owner.GetProperty("name").GetString());
    }

    [Fact]
    public async Task A_gmina_name_without_its_powiat_is_ambiguous_and_the_candidates_are_named()
    {
        var errors = await RefusedAsync(Import, StrategyJson(new { gminy = new[] { "Czernichów" } }, "czernichow-2030"));
        var reason = Reason(errors, "strategy.territory.gminy[0]");
        Assert.Contains("1206012", reason);
        Assert.Contains("powiat krakowski", reason);
        Assert.Contains("2417022", reason);
        Assert.Contains("powiat żywiecki", reason);

        // Within its powiat the same name is one gmina (a coordinator of województwo śląskie imports it).
        using var client = fixture.Host.CreateHttpClient().As(PlatformRoles.Coordinator, "24", "koordynator@slaskie.pl");
        using var response = await client.PostAsync(Import, StrategyJson(new { powiat = "żywiecki", gminy = new[] { "Czernichów" } }, "czernichow-zywiecki-2030"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (await response.ReadJsonAsync()).GetProperty("strategyId").GetGuid();
        var owner = (await client.GetFromJsonAsync<JsonElement>($"{Api.Root}/strategies/{id}", TestData.Web)).GetProperty("owner");
        Assert.Equal(("gmina", "2417022", "Gmina Czernichów"),
            (owner.GetProperty("kind").GetString(), owner.GetProperty("units")[0].GetString(), owner.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task Unknown_names_are_refused_naming_the_field()
    {
        // An invented gmina, and a real one of another powiat (Libiąż is in powiat chrzanowski).
        var errors = await RefusedAsync(Import, StrategyJson(new { powiat = "krakowski", gminy = new[] { "Czernichów", "Krakówek", "Libiąż" } }));
        Assert.False(errors.TryGetProperty("strategy.territory.gminy[0]", out _));
        Assert.Contains("Krakówek", Reason(errors, "strategy.territory.gminy[1]"));
        Assert.Contains("Libiąż", Reason(errors, "strategy.territory.gminy[2]"));

        Assert.Contains("krakowskii", Reason(await RefusedAsync(Import, StrategyJson(new { powiat = "krakowskii" })), "strategy.territory.powiat"));
        Assert.Contains("mazurskie", Reason(await RefusedAsync(Import, StrategyJson(new { voivodeship = "mazurskie" })), "strategy.territory.voivodeship"));
    }

    [Fact]
    public async Task Explicit_owner_codes_must_be_in_the_register_on_every_write()
    {
        // REST create: a code of the right shape that no unit has, and a unit of another kind than the owner's.
        var errors = await RefusedAsync($"{Api.Root}/strategies", new
        {
            code = "nieznana-2030", name = "Strategia", periodFrom = 2021, periodTo = 2030,
            owner = new { kind = "group", units = new[] { "1206012", "1206999", "1206012" }, name = "Grupa" },
        });
        Assert.Contains("1206999", Reason(errors, "owner.units[1]"));
        Assert.Contains("dwa razy", Reason(errors, "owner.units[2]"));
        Assert.Contains("gmina Skawina", Reason(await RefusedAsync($"{Api.Root}/strategies", new
        {
            code = "rodzaj-2030", name = "Strategia", periodFrom = 2021, periodTo = 2030,
            owner = new { kind = "powiat", units = new[] { "1206113" }, name = "Powiat?" },
        }), "owner.units[0]"));

        // Imports: JSON with an explicit owner, CSV's owner_units column.
        var json = TestData.Json(JsonSerializer.Serialize(new
        {
            strategy = new { code = "json-2030", name = "Strategia", period_from = 2021, period_to = 2030, owner = new { kind = "gmina", units = new[] { "1299999" }, name = "Gmina" } },
        }));
        Assert.Contains("1299999", Reason(await RefusedAsync(Import, json), "strategy.owner.units[0]"));
        var csv = TestData.Csv("strategy_code;strategy_name;owner_kind;owner_units;owner_name;period_from;period_to;kind;code;title\n"
            + "csv-2030;Strategia;group;1203043|1203999;Grupa;2021;2030;strategic_goal;1;Cel\n");
        Assert.Contains("1203999", Reason(await RefusedAsync(Import, csv), "rows[1].owner_units[1]"));

        // An indicator's unit too.
        using var client = fixture.Client();
        var id = await Api.CreateStrategyAsync(client, "wskazniki-2030");
        var goal = await Api.CreateNodeAsync(client, id, null, "operational_goal", "1", "Cel");
        Assert.Contains("1299", Reason(await RefusedAsync($"{Api.Root}/strategies/{id}/nodes", new
        {
            parentId = goal, kind = "direction", code = "1.1", title = "Kierunek",
            indicators = new[] { new { indicatorCode = "registered_unemployed", territorialUnit = "1299" } },
        }), "indicators[0].territorialUnit"));

        // gRPC: INVALID_ARGUMENT with the field violation.
        var grpc = new CatalogueService.CatalogueServiceClient(fixture.Host.Channel);
        var refused = await Assert.ThrowsAsync<RpcException>(async () => await grpc.CreateStrategyAsync(new CreateStrategyRequest
        {
            Code = "grpc-2030", Name = "Strategia", PeriodFrom = 2021, PeriodTo = 2030,
            Owner = new Owner { Kind = "powiat", Units = { "1299" }, Name = "Powiat" },
        }, Coordinator, DateTime.UtcNow.AddSeconds(30)));
        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        Assert.Contains("1299", Assert.Single(refused.FieldViolations(), v => v.Field == "owner.units[0]").Description);
    }

    [Fact]
    public async Task Strategies_are_listed_by_the_territory_they_touch()
    {
        var chrzanow = await fixture.ChrzanowAsync();
        var blisko = await BliskoKrakowaAsync();
        using var client = fixture.Client();
        async Task<List<Guid>> ListAsync(string territory) =>
            (await client.GetFromJsonAsync<JsonElement>($"{Api.Root}/strategies?territory={territory}", TestData.Web))
                .GetProperty("items").EnumerateArray().Select(s => s.GetProperty("id").GetGuid()).ToList();

        // Gmina Skawina: the functional area it belongs to, not the Chrzanów powiat's strategy.
        var skawina = await ListAsync("1206113");
        Assert.Contains(blisko, skawina);
        Assert.DoesNotContain(chrzanow, skawina);
        // The town of Skawina is inside the gmina; powiat krakowski contains the area's gminy.
        Assert.Contains(blisko, await ListAsync("1206114"));
        Assert.Equal([blisko], await ListAsync("1206"));
        // A gmina of powiat chrzanowski is covered by its powiat's strategy.
        Assert.Equal([chrzanow], await ListAsync("1203033"));
        Assert.Equal([], await ListAsync("1261"));
        var malopolska = await ListAsync("12");
        Assert.Contains(chrzanow, malopolska);
        Assert.Contains(blisko, malopolska);

        // gRPC: the same filter; an unknown code is INVALID_ARGUMENT naming it.
        var grpc = new CatalogueService.CatalogueServiceClient(fixture.Host.Channel);
        var listed = await grpc.ListStrategiesAsync(new ListStrategiesRequest { Territory = "1206113" }, Coordinator, DateTime.UtcNow.AddSeconds(30));
        Assert.Equal([blisko.ToString()], listed.Items.Select(s => s.Id).Where(i => i == blisko.ToString() || i == chrzanow.ToString()).ToArray());
        var unknown = await Assert.ThrowsAsync<RpcException>(async () => await grpc.ListStrategiesAsync(
            new ListStrategiesRequest { Territory = "1206999" }, Coordinator, DateTime.UtcNow.AddSeconds(30)));
        Assert.Equal("territory", Assert.Single(unknown.FieldViolations()).Field);
        Assert.Contains("1206999", Reason(await RefusedAsync($"{Api.Root}/strategies?territory=1206999", null), "territory"));
    }

    private static Metadata Coordinator => TestIdentity.Headers(PlatformRoles.Coordinator, "12", "koordynator@powiat.pl");

    private static string Reason(JsonElement errors, string field) =>
        errors.TryGetProperty(field, out var reasons) ? string.Join(" | ", reasons.EnumerateArray().Select(r => r.GetString()))
            : throw new Xunit.Sdk.XunitException($"expected an error for '{field}' in {errors}");

    /// <summary>A 400 whose problem names fields (returned); nothing written.</summary>
    private async Task<JsonElement> RefusedAsync(string path, object? body)
    {
        var before = await StrategyCountAsync();
        using var client = fixture.Client();
        var (status, problem) = await client.SendAsync(body is null ? HttpMethod.Get : HttpMethod.Post, path, body);
        Assert.True(status == HttpStatusCode.BadRequest, $"{path}: expected 400, got {(int)status} {problem}");
        Assert.Equal(before, await StrategyCountAsync());
        return problem.GetProperty("errors");
    }

    private async Task<int> StrategyCountAsync()
    {
        await using var scope = fixture.Host.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<CatalogueDbContext>().Strategies.CountAsync();
    }
}
