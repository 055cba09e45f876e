using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using LabourMarket.Api.Cli;
using LabourMarket.Api.Extensions;
using LabourMarket.Api.Territory;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Platform.ServiceDefaults.Hosting;
using Platform.ServiceDefaults.Identity;
using Platform.Testing;
using static LabourMarket.Tests.LabourClient;

namespace LabourMarket.Tests;

/// <summary>
/// The service on a database of its own whose register starts as powiat chrzanowski (rows of the GUS file, state
/// 2024-01-01): a later file with a renamed gmina, a new one and one gone keeps the history.
/// </summary>
public sealed class RegisterHistoryFixture : ServiceFixture, IAsyncLifetime
{
    protected override string Name => "labourhistory";

    protected override IEnumerable<KeyValuePair<string, string?>> Settings() => [new("DemoData:Import", "false")];

    protected override void Configure(WebApplicationBuilder builder)
    {
        builder.AddServiceDefaults();
        builder.AddApplicationServices();
    }

    protected override void Map(WebApplication app)
    {
        app.MapDefaultEndpoints();
        app.MapApplicationEndpoints();
    }

    Task IAsyncLifetime.InitializeAsync() => InitializeAsync();

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync();

    /// <summary>The header and the rows of małopolskie and powiat chrzanowski from the full GUS file.</summary>
    public static List<string> ChrzanowskiRows() =>
        File.ReadLines(TercFiles.Full).Where((line, i) => i == 0 || line.StartsWith("12;;", StringComparison.Ordinal) || line.StartsWith("12;03;", StringComparison.Ordinal)).ToList();
}

public sealed class RegisterHistoryTests(RegisterHistoryFixture fixture) : IClassFixture<RegisterHistoryFixture>
{
    private readonly HttpClient _admin = fixture.Host.CreateHttpClient().As(PlatformRoles.Admin, "");

    private static string Write(IEnumerable<string> lines)
    {
        var path = Path.Combine(Path.GetTempPath(), $"terc-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, string.Join("\r\n", lines) + "\r\n", Encoding.UTF8);
        return path;
    }

    [Fact]
    public async Task A_later_file_renames_adds_and_ends_units_and_the_history_stays_readable()
    {
        // 2024: powiat chrzanowski as GUS has it, loaded by the host's CLI command; a figure for Libiąż.
        var first = Write(RegisterHistoryFixture.ChrzanowskiRows());
        Assert.Equal(TerritoryCommands.Ok, await TerritoryCommands.RunAsync(fixture.Host.App, ["territory", "import", first]));
        await fixture.Host.Channel.SubmitAsync("history-1", [Row("registered_unemployed", "1203043", "2024-06", 512)]);

        // 2025: Babice renamed, Libiąż (and its parts) gone, a new rural gmina 1203062.
        var later = RegisterHistoryFixture.ChrzanowskiRows()
            .Where(l => !l.StartsWith("12;03;04;", StringComparison.Ordinal))
            .Select(l => l.Replace("2024-01-01", "2025-01-01").Replace(";Babice;", ";Babice Nowe;"))
            .Append("12;03;06;2;Nowa Wieś;gmina wiejska;2025-01-01");
        using var response = await _admin.PostAsync("api/v1/territory/register?fileName=TERC_2025.csv",
            new StringContent(string.Join("\n", later), Encoding.UTF8, "text/csv"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var report = await response.Content.ReadFromJsonAsync<RegisterImportReport>(JsonSerializerOptions.Web);
        Assert.NotNull(report);
        Assert.True(report.Changed);
        Assert.Equal((2, 1, 1, 3, 0), (report.Version, report.Added, report.Renamed, report.Ended, report.Reinstated));
        Assert.Equal("1203062", Assert.Single(report.AddedUnits).Code);
        Assert.Equal(new UnitRenameView("1203022", "Babice", "Babice Nowe"), Assert.Single(report.RenamedUnits));
        Assert.Equal(["1203043", "1203044", "1203045"], report.EndedUnits.Select(u => u.Code).Order());
        Assert.All(report.EndedUnits, u => Assert.Equal(new DateOnly(2024, 12, 31), u.ValidTo));

        var babice = await _admin.GetFromJsonAsync<JsonElement>("api/v1/territory/units/1203022");
        Assert.Equal("Babice Nowe", babice.GetProperty("unit").GetProperty("name").GetString());
        var former = Assert.Single(babice.GetProperty("formerNames").EnumerateArray());
        Assert.Equal(("Babice", "2024-12-31"), (former.GetProperty("name").GetString(), former.GetProperty("validTo").GetString()));

        var libiaz = await _admin.GetFromJsonAsync<JsonElement>("api/v1/territory/units/1203043");
        Assert.False(libiaz.GetProperty("current").GetBoolean());
        Assert.Equal("2024-12-31", libiaz.GetProperty("unit").GetProperty("validTo").GetString());
        // Not found by a search for current units, but its figures stay valid and readable.
        var search = await _admin.GetFromJsonAsync<JsonElement>("api/v1/territory/units?q=libi");
        Assert.DoesNotContain(search.GetProperty("items").EnumerateArray(), u => u.GetProperty("code").GetString() == "1203043");
        var series = await _admin.GetFromJsonAsync<JsonElement>("api/v1/labour/series?indicator=registered_unemployed&unit=1203043&from=2024-06&to=2024-06");
        Assert.Equal(512m, Assert.Single(series.GetProperty("points").EnumerateArray()).GetProperty("value").GetDecimal());

        var gminy = await _admin.GetFromJsonAsync<JsonElement>("api/v1/territory/register");
        Assert.Equal(5, gminy.GetProperty("counts").GetProperty("gmina").GetInt32()); // 5 − Libiąż + Nowa Wieś
        Assert.Equal("2025-01-01", gminy.GetProperty("stateAsOf").GetString());

        // The 2024 file again is older than the register: refused (exit 1), nothing changes.
        Assert.Equal(TerritoryCommands.Refused, await TerritoryCommands.RunAsync(fixture.Host.App, ["territory", "import", first]));
        using var old = await _admin.PostAsync("api/v1/territory/register", new StringContent(File.ReadAllText(first), Encoding.UTF8, "text/csv"));
        Assert.Equal(HttpStatusCode.BadRequest, old.StatusCode);
        Assert.Contains((await old.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject(), e => e.Name.EndsWith(".STAN_NA", StringComparison.Ordinal));
        Assert.Equal(2, (await _admin.GetFromJsonAsync<JsonElement>("api/v1/territory/register")).GetProperty("version").GetInt32());

        Assert.Equal(TerritoryCommands.Usage, await TerritoryCommands.RunAsync(fixture.Host.App, ["territory", "import", first + ".missing"]));
        File.Delete(first);
    }

    [Fact]
    public void The_CLI_report_tells_the_operator_in_Polish_what_changed()
    {
        var unit = new RegisterUnitView("1203062", "Nowa Wieś", "gmina Nowa Wieś", "gmina", "rural", "1203", "gmina wiejska",
            new DateOnly(2025, 1, 1), null, ["małopolskie", "chrzanowski", "Nowa Wieś"]);
        var report = new RegisterImportReport(2, true, "TERC_2025.csv", new DateOnly(2025, 1, 1), "windows-1250", 14, 1, 1, 0, 0,
            [unit], [new UnitRenameView("1203022", "Babice", "Babice Nowe")], [], [],
            new Dictionary<string, int> { ["voivodeship"] = 1, ["powiat"] = 1, ["gmina"] = 5 }, DateTimeOffset.UtcNow, "wiersz poleceń");

        var text = RegisterReportText.Format(report);

        Assert.Contains("Rejestr TERYT zaktualizowany: wersja 2, stan na 2025-01-01.", text);
        Assert.Contains("Plik: TERC_2025.csv, kodowanie windows-1250, 14 wierszy.", text);
        Assert.Contains("Dodane: 1, zmienione nazwy: 1, zniesione: 0, przywrócone: 0.", text);
        Assert.Contains("Jednostki bieżące: województwa 1, powiaty 1, gminy 5.", text);
        Assert.Contains("  1203062 gmina Nowa Wieś", text);
        Assert.Contains("  1203022 Babice → Babice Nowe", text);
    }
}
