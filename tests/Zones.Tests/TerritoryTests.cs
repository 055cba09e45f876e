using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Grpc.Core;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts.Events.Territory.V1;
using Platform.ServiceDefaults.Grpc;
using Platform.ServiceDefaults.Identity;
using Platform.Territory;
using Platform.Territory.Persistence;
using Platform.Testing;
using Proto = Platform.Contracts.Zones.V1;
using static Zones.Tests.TestData;

namespace Zones.Tests;

/// <summary>
/// Zones against the copy of the TERYT register (the full GUS file): a zone's gmina must be a current gmina of it,
/// zones are searched by the powiat and voivodeship their gmina lies within, and answers name units from it.
/// </summary>
public sealed class TerritoryTests(ZonesFixture fixture) : IClassFixture<ZonesFixture>
{
    private const string Skawina = "1206113";

    private async Task<long> CountZonesAsync()
    {
        await using var dataSource = fixture.Database.CreateDataSource();
        await using var command = dataSource.CreateCommand("SELECT count(*) FROM zones");
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task<List<string>> NamesAsync(string query)
    {
        using var client = fixture.AnonymousClient();
        var page = await GetJsonAsync(client, "api/v1/zones?pageSize=200&" + query);
        return page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("name").GetString()!).ToList();
    }

    [Fact]
    public async Task A_zone_in_Skawina_registered_by_an_admin_is_found_by_powiat_krakowski_and_malopolska_not_by_powiat_chrzanowski()
    {
        using var admin = fixture.Client(territory: "", role: PlatformRoles.Admin);
        var created = await PostZoneAsync(admin, Zone("Strefa Skawina Zachód", Rect.Around(19.80, 49.97, 400), Skawina));
        var zone = created.GetProperty("zone");
        Assert.Equal("Skawina", zone.GetProperty("gmina").GetProperty("name").GetString());
        Assert.Equal("1206", zone.GetProperty("powiat").GetProperty("teryt").GetString());
        Assert.Equal("krakowski", zone.GetProperty("powiat").GetProperty("name").GetString());

        Assert.Contains("Strefa Skawina Zachód", await NamesAsync("powiat=1206"));
        Assert.Contains("Strefa Skawina Zachód", await NamesAsync("voivodeship=12"));
        Assert.Contains("Strefa Skawina Zachód", await NamesAsync("powiat=1206&voivodeship=12"));
        Assert.DoesNotContain("Strefa Skawina Zachód", await NamesAsync("powiat=1203"));
        Assert.DoesNotContain("Strefa Skawina Zachód", await NamesAsync("voivodeship=24"));
        // Either powiat of a list admits the zone; a voivodeship it does not lie in excludes it.
        Assert.Contains("Strefa Skawina Zachód", await NamesAsync("powiat=1203,1206"));
        Assert.DoesNotContain("Strefa Skawina Zachód", await NamesAsync("powiat=1206&voivodeship=24"));

        var found = await fixture.GrpcClient.SearchZonesAsync(new Proto.SearchZonesRequest { Powiat = { "1206" }, Voivodeship = { "12" } }, fixture.Anonymous());
        var skawina = Assert.Single(found.Zones, z => z.Name == "Strefa Skawina Zachód");
        Assert.Equal(new Proto.Unit { Teryt = Skawina, Name = "Skawina" }, skawina.Gmina);
        Assert.Equal(new Proto.Unit { Teryt = "1206", Name = "krakowski" }, skawina.Powiat);
        var elsewhere = await fixture.GrpcClient.SearchZonesAsync(new Proto.SearchZonesRequest { Powiat = { "1203" } }, fixture.Anonymous());
        Assert.DoesNotContain(elsewhere.Zones, z => z.Name == "Strefa Skawina Zachód");

        // The summary of powiat krakowski lists every gmina the register gives it, Skawina with its zone.
        var gminy = TestRegister.FullUnits.Where(u => u is { Level: UnitLevels.Gmina, ParentCode: "1206", IsCurrent: true }).Select(u => u.Name).Order().ToList();
        var summary = await fixture.GrpcClient.GetSummaryAsync(new Proto.GetSummaryRequest { Powiat = "1206" }, fixture.Anonymous());
        Assert.Equal(gminy, summary.Gminy.Select(g => g.Gmina.Name).Order());
        Assert.Equal(1, summary.Gminy.Single(g => g.Gmina.Teryt == Skawina).Zones);
        Assert.All(summary.Gminy, g => Assert.Equal("krakowski", g.Powiat.Name));
    }

    public static TheoryData<string, string> NotAGmina() => new()
    {
        { "1206999", "Nieznana gmina 1206999" },          // well-formed, but no such gmina
        { "1206114", "Skawina – miasto, część gminy" },   // the town part of Skawina: the zone belongs to the gmina
        { "1206", "powiat krakowski, a nie gmina" },
    };

    [Theory]
    [MemberData(nameof(NotAGmina))]
    public async Task A_zone_whose_gmina_is_not_a_gmina_of_the_register_is_400_naming_the_field_and_nothing_is_written(string gmina, string reason)
    {
        var before = await CountZonesAsync();
        using var admin = fixture.Client(territory: "", role: PlatformRoles.Admin);
        using var response = await admin.PostAsJsonAsync("api/v1/zones", Zone("Strefa poza rejestrem " + gmina, Rect.Around(19.81, 49.98, 400), gmina));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        Assert.True(errors.TryGetProperty("gminaTeryt", out var messages), errors.ToString());
        Assert.Contains(reason, messages[0].GetString());
        Assert.Equal(before, await CountZonesAsync());

        var input = new Proto.ZoneInput
        {
            Name = "Strefa gRPC poza rejestrem", GminaTeryt = gmina, Kind = "sag", State = "planned", Ownership = "municipal",
            TotalAreaHa = 4, AvailableAreaHa = 4, BoundaryGeojson = Rect.Around(19.82, 49.98, 200).GeoJson().ToJsonString(),
        };
        var ex = await Assert.ThrowsAsync<RpcException>(() =>
            fixture.GrpcClient.RegisterZoneAsync(new Proto.RegisterZoneRequest { Zone = input }, fixture.Planner("12")).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        Assert.Contains(ex.FieldViolations(), v => v.Field == "gmina_teryt" && v.Description.Contains(reason));
        Assert.Equal(before, await CountZonesAsync());
    }

    [Fact]
    public async Task Search_units_not_in_the_register_or_of_another_level_are_400_naming_each_parameter()
    {
        using var client = fixture.AnonymousClient();
        using var response = await client.GetAsync("api/v1/zones?gmina=1206&powiat=1299&voivodeship=1206");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        Assert.Contains("powiat krakowski, a nie gmina", errors.GetProperty("gmina")[0].GetString());
        Assert.Contains("Nieznany kod TERYT 1299", errors.GetProperty("powiat")[0].GetString());
        Assert.Contains("a nie województwo", errors.GetProperty("voivodeship")[0].GetString());

        var ex = await Assert.ThrowsAsync<RpcException>(() =>
            fixture.GrpcClient.SearchZonesAsync(new Proto.SearchZonesRequest { Voivodeship = { "99" } }, fixture.Anonymous()).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        Assert.Contains(ex.FieldViolations(), v => v.Field == "voivodeship");
        var summary = await Assert.ThrowsAsync<RpcException>(() =>
            fixture.GrpcClient.GetSummaryAsync(new Proto.GetSummaryRequest { Powiat = "1299" }, fixture.Anonymous()).ResponseAsync);
        Assert.Contains(summary.FieldViolations(), v => v.Field == "powiat");
    }
}

/// <summary>
/// The copy consumer on the real broker: labour's TerritorialRegisterChanged with a newer version replaces the copy
/// (a renamed gmina is named anew, a new gmina takes zones); the same version again, whatever it carries, changes nothing.
/// </summary>
public sealed class RegisterCopyTests(ZonesFixture fixture) : IClassFixture<ZonesFixture>
{
    private const string Skawina = "1206113";
    private const string NewGmina = "1206182";
    private static readonly DateOnly Next = new(2025, 1, 1);

    private static TerritorialRegisterChanged Version(int version, string skawinaName) =>
        RegisterMappers.ToEvent(
            [
                .. TestRegister.FullUnits.Select(u => u.Code == Skawina
                    ? u with { Name = skawinaName, FormerNames = [new FormerName(u.Name, null, Next.AddDays(-1))] }
                    : u),
                new TerritorialUnit(NewGmina, "Gmina Próbna", UnitLevels.Gmina, UnitKinds.Rural, "1206", "gmina wiejska", Next, null, []),
            ],
            new RegisterVersion(version, Next), DateTimeOffset.UtcNow);

    private async Task PublishAsync(TerritorialRegisterChanged message, Guid messageId) =>
        await fixture.Host.Services.GetRequiredService<IBus>().Publish(message, c => c.MessageId = messageId);

    private async Task<T> ScalarAsync<T>(string sql, Guid? id = null)
    {
        await using var dataSource = fixture.Database.CreateDataSource();
        await using var command = dataSource.CreateCommand(sql);
        if (id is { } v) command.Parameters.AddWithValue("id", v);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    private async Task<string> SkawinaZoneGminaNameAsync(Guid zone)
    {
        using var client = fixture.AnonymousClient();
        return (await GetJsonAsync(client, $"api/v1/zones/{zone}")).GetProperty("zone").GetProperty("gmina").GetProperty("name").GetString()!;
    }

    [Fact]
    public async Task A_newer_version_replaces_the_copy_and_the_same_version_again_changes_nothing()
    {
        using var admin = fixture.Client(territory: "", role: PlatformRoles.Admin);
        var zone = (await PostZoneAsync(admin, Zone("Strefa Skawina Wschód", Rect.Around(19.86, 49.98, 400), Skawina)))
            .GetProperty("zone").GetProperty("id").GetGuid();
        Assert.Equal("Skawina", await SkawinaZoneGminaNameAsync(zone));
        using (var refused = await admin.PostAsJsonAsync("api/v1/zones", Zone("Strefa w nowej gminie", Rect.Around(19.90, 50.00, 400), NewGmina)))
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);

        await PublishAsync(Version(2, "Skawina Zdrój"), Guid.NewGuid());
        await Eventually.AssertAsync(async () => await ScalarAsync<int>("SELECT version FROM register_state") == 2,
            TimeSpan.FromSeconds(30), "the copy at version 2");
        Assert.Equal("Skawina Zdrój", await SkawinaZoneGminaNameAsync(zone));
        var created = await PostZoneAsync(admin, Zone("Strefa w nowej gminie", Rect.Around(19.90, 50.00, 400), NewGmina));
        Assert.Equal("Gmina Próbna", created.GetProperty("zone").GetProperty("gmina").GetProperty("name").GetString());
        var units = await ScalarAsync<long>("SELECT count(*) FROM register_units");

        // Version 2 once more, carrying another name (a second publication of an import that changed nothing would carry the same).
        var again = Guid.NewGuid();
        await PublishAsync(Version(2, "Skawina Inna"), again);
        await Eventually.AssertAsync(async () => await ScalarAsync<long>("SELECT count(*) FROM inbox_messages WHERE message_id = @id", again) == 1,
            TimeSpan.FromSeconds(30), "the same version handled by the copy consumer");
        Assert.Equal("Skawina Zdrój", await ScalarAsync<string>($"SELECT name FROM register_units WHERE code = '{Skawina}'"));
        Assert.Equal(units, await ScalarAsync<long>("SELECT count(*) FROM register_units"));
        Assert.Equal(2, await ScalarAsync<int>("SELECT version FROM register_state"));
        Assert.Equal("Skawina Zdrój", await SkawinaZoneGminaNameAsync(zone));
    }
}
