using System.Net;
using System.Text.Json;
using Catalogue.Api.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Messaging.Outbox;

namespace Catalogue.Tests;

/// <summary>
/// Every kind of bad input is answered 400 with RFC 9457 problem details naming each offending field
/// or row, and nothing is written: no strategy, node, entry or outbox row.
/// </summary>
public sealed class BadInputTests(CatalogueFixture fixture) : IClassFixture<CatalogueFixture>
{
    private Guid _strategy;
    private Guid _goal;
    private Guid _direction;

    private async Task SeedAsync()
    {
        using var client = fixture.Client();
        var code = $"bad-input-{Guid.NewGuid():N}"[..20];
        _strategy = await Api.CreateStrategyAsync(client, code, 2021, 2027);
        var area = await Api.CreateNodeAsync(client, _strategy, null, "area", "I", "Obszar I");
        _goal = await Api.CreateNodeAsync(client, _strategy, area, "operational_goal", "I.1", "Cel I.1");
        _direction = await Api.CreateNodeAsync(client, _strategy, _goal, "direction", "I.1.1", "Kierunek I.1.1");
    }

    private async Task AssertRefusedAsync(HttpMethod method, string path, object? body, params string[] fields)
    {
        var before = await CountsAsync();
        using var client = fixture.Client();
        var (status, problem) = await client.SendAsync(method, path, body);
        Assert.True(status == HttpStatusCode.BadRequest, $"{method} {path}: expected 400, got {(int)status} {problem}");
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        var errors = problem.GetProperty("errors");
        foreach (var field in fields)
            Assert.True(errors.TryGetProperty(field, out var reasons) && reasons.GetArrayLength() > 0,
                $"expected an error for '{field}' in {errors}");
        Assert.Equal(before, await CountsAsync());
    }

    private async Task<(int, int, int, int)> CountsAsync()
    {
        await using var scope = fixture.Host.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CatalogueDbContext>();
        return (await db.Strategies.CountAsync(), await db.Nodes.CountAsync(), await db.Entries.CountAsync(), await db.Set<OutboxMessage>().CountAsync());
    }

    private string Nodes => $"{Api.Root}/strategies/{_strategy}/nodes";
    private string Entries => $"{Api.Root}/directions/{_direction}/entries";

    [Fact]
    public async Task Tree_edits_with_bad_input_are_refused_naming_the_field()
    {
        await SeedAsync();
        // Unknown parent.
        await AssertRefusedAsync(HttpMethod.Post, Nodes, new { parentId = Guid.NewGuid(), kind = "direction", code = "I.1.2", title = "x" }, "parentId");
        // Duplicate code.
        await AssertRefusedAsync(HttpMethod.Post, Nodes, new { parentId = _goal, kind = "direction", code = "I.1.1", title = "x" }, "code");
        // A code that does not fit its parent.
        await AssertRefusedAsync(HttpMethod.Post, Nodes, new { parentId = _goal, kind = "direction", code = "II.1.1", title = "x" }, "code");
        // A level that cannot sit under its parent, and a child under a direction.
        await AssertRefusedAsync(HttpMethod.Post, Nodes, new { parentId = _goal, kind = "area", code = "I.1.9", title = "x" }, "parentId");
        await AssertRefusedAsync(HttpMethod.Post, Nodes, new { parentId = _direction, kind = "direction", code = "I.1.1.1", title = "x" }, "parentId");
        // Empty title, unknown kind, text over limits, several at once.
        await AssertRefusedAsync(HttpMethod.Post, Nodes, new { parentId = _goal, kind = "direction", code = "I.1.2", title = "  " }, "title");
        await AssertRefusedAsync(HttpMethod.Post, Nodes, new { parentId = _goal, kind = "task", code = "I.1.2", title = "x" }, "kind");
        await AssertRefusedAsync(HttpMethod.Post, Nodes, new
        {
            parentId = _goal, kind = "direction", code = "I.1.2", title = new string('a', 1001), implementers = new[] { new string('b', 301) },
            weight = -1, indicators = new[] { new { indicatorCode = "", territorialUnit = "12" + "x", baselineYear = 2020, targetYear = 2019 } },
        }, "title", "implementers[0]", "weight", "indicators[0].indicatorCode", "indicators[0].territorialUnit", "indicators[0].targetYear");
        await AssertRefusedAsync(HttpMethod.Post, Nodes, new { parentId = _goal, kind = "direction", code = new string('1', 40), title = "x" }, "code");
        await AssertRefusedAsync(HttpMethod.Post, Nodes, new { parentId = _goal, kind = "direction", code = "I.1.5", title = "x", forwardedTo = new[] { Guid.NewGuid() } },
            "forwardedTo[0]");
        await AssertRefusedAsync(HttpMethod.Put, $"{Api.Root}/nodes/{_direction}", new { title = "", expectedVersion = 1 }, "title");
        // Malformed JSON and a wrong type name the place.
        await AssertRefusedAsync(HttpMethod.Post, Nodes, TestData.Json("{\"kind\": \"direction\", "), "body");
        await AssertRefusedAsync(HttpMethod.Post, Nodes, TestData.Json("{\"kind\": \"direction\", \"order\": \"first\"}"), "order");
        // Strategy header.
        await AssertRefusedAsync(HttpMethod.Post, $"{Api.Root}/strategies", new
        {
            name = "", owner = new { kind = "county", units = new[] { "12x" }, name = "" }, periodFrom = 2030, periodTo = 2021, state = "done",
        }, "name", "owner.kind", "owner.units[0]", "owner.name", "periodTo", "state");
    }

    [Fact]
    public async Task Monitoring_entries_with_bad_input_are_refused_naming_the_field()
    {
        await SeedAsync();
        // A year outside the strategy's period (2021–2027), on either end of a period.
        await AssertRefusedAsync(HttpMethod.Post, Entries, new { year = 2030, status = "completed", recordedBy = "x" }, "year");
        await AssertRefusedAsync(HttpMethod.Post, Entries, new { yearFrom = 2019, yearTo = 2027, status = "completed", recordedBy = "x" }, "yearFrom");
        await AssertRefusedAsync(HttpMethod.Post, Entries, new { status = "completed", recordedBy = "x" }, "year");
        // Unknown status, text over limits, a link that is not one (the recorder is the signed-in caller, never the form).
        await AssertRefusedAsync(HttpMethod.Post, Entries, new { year = 2022, status = "done", recordedBy = "x" }, "status");
        await AssertRefusedAsync(HttpMethod.Post, Entries, new
        {
            year = 2022, status = "partial", recordedBy = "", conclusions = new string('x', 20_001), statusText = new string('y', 501),
            evidenceLinks = new[] { "not a link" },
        }, "conclusions", "statusText", "evidenceLinks[0]");
        await AssertRefusedAsync(HttpMethod.Post, Entries, TestData.Json("[1,2"), "body");
        await AssertRefusedAsync(HttpMethod.Post, Entries, TestData.Json("{\"year\": true}"), "year");
    }

    [Fact]
    public async Task Queries_with_bad_parameters_are_refused_naming_the_parameter()
    {
        await SeedAsync();
        var directions = $"{Api.Root}/strategies/{_strategy}/directions";
        await AssertRefusedAsync(HttpMethod.Get, $"{directions}?status=finished", null, "status");
        await AssertRefusedAsync(HttpMethod.Get, $"{directions}?page=0&pageSize=1000", null, "page", "pageSize");
        await AssertRefusedAsync(HttpMethod.Get, $"{directions}?year=abc&areaWide=maybe&node=xyz", null, "year", "areaWide", "node");
        await AssertRefusedAsync(HttpMethod.Get, $"{directions}?sort=random&year=2040", null, "sort", "year");
        await AssertRefusedAsync(HttpMethod.Get, $"{Api.Root}/strategies/{_strategy}/missing-entries", null, "year");
        await AssertRefusedAsync(HttpMethod.Get, $"{Api.Root}/strategies/{_strategy}/missing-entries?year=2040", null, "year");
        await AssertRefusedAsync(HttpMethod.Get, $"{Api.Root}/strategies/{_strategy}?year=1999", null, "year");
    }

    [Fact]
    public async Task A_windows_1250_CSV_from_Polish_Excel_imports_with_the_right_letters_and_Latin2_or_UTF16_is_refused()
    {
        System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
        const string header = "strategy_code;strategy_name;owner_kind;owner_units;owner_name;period_from;period_to;kind;code;parent_code;title;year;status;status_text;conclusions\n";
        var csv = header
            + "cp1250-2030;Strategia Gminy Libiąż – źródła ciepła;gmina;1203043;Gmina Libiąż;2021;2030;strategic_goal;1;;Śródmieście i Żarki;;;;\n"
            + ";;;;;;;operational_goal;1.1;1;Ścieżki rowerowe;;;;\n"
            + ";;;;;;;direction;1.1.1;1.1;Łączenie źródeł ciepła;2022;completed;zrealizowano;Wymieniono piece w Żarkach\n";
        var import = $"{Api.Root}/strategies/import";
        using var client = fixture.Client();
        using (var content = new ByteArrayContent(System.Text.Encoding.GetEncoding(1250).GetBytes(csv)))
        {
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/csv");
            var (status, report) = await client.SendAsync(HttpMethod.Post, import, content);
            Assert.Equal(HttpStatusCode.Created, status);
            var strategy = await client.GetFromJsonAsync<JsonElement>($"{Api.Root}/strategies/{report.GetProperty("strategyId").GetGuid()}", TestData.Web);
            Assert.Equal("Strategia Gminy Libiąż – źródła ciepła", strategy.GetProperty("name").GetString());
            Assert.Equal("Śródmieście i Żarki", strategy.GetProperty("tree")[0].GetProperty("title").GetString());
            var directions = await client.GetFromJsonAsync<JsonElement>($"{Api.Root}/strategies/{report.GetProperty("strategyId").GetGuid()}/directions?year=2022", TestData.Web);
            Assert.Equal("Łączenie źródeł ciepła", directions.GetProperty("items")[0].GetProperty("title").GetString());
            Assert.Equal("Wymieniono piece w Żarkach", directions.GetProperty("items")[0].GetProperty("entry").GetProperty("conclusions").GetString());
        }
        // Latin-2 would store "Libi±¿"-like garbage, UTF-16 nothing readable: both refused, naming the line, nothing written.
        foreach (var (encoding, line) in new[] { ("iso-8859-2", "rows[2]"), ("utf-16", "rows[1]") })
        {
            var bytes = System.Text.Encoding.GetEncoding(encoding).GetPreamble().Concat(System.Text.Encoding.GetEncoding(encoding).GetBytes(csv.Replace("cp1250-2030", "enc-2030"))).ToArray();
            var content = new ByteArrayContent(bytes);
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/csv");
            await AssertRefusedAsync(HttpMethod.Post, import, content, line);
        }
    }

    [Fact]
    public async Task Imports_with_bad_rows_are_refused_whole_naming_each_row()
    {
        const string header = "strategy_code;strategy_name;owner_kind;owner_units;owner_name;period_from;period_to;kind;code;parent_code;title;year;status;status_text;conclusions\n";
        const string first = "imp-2030;Strategia importowana;gmina;1203043;Gmina Libiąż;2021;2030;strategic_goal;1;;Cel 1;;;;\n";
        var import = $"{Api.Root}/strategies/import";

        // Unknown parent, duplicate code, a code that does not fit, an empty title, a year outside the period, an unknown status — all reported at once.
        var csv = header + first
            + ";;;;;;;direction;1.1;9;Kierunek z nieznanym rodzicem;;;;\n"
            + ";;;;;;;operational_goal;1.2;1;Cel 1.2;;;;\n"
            + ";;;;;;;direction;1.2.1;1.2;Kierunek;2040;completed;;\n"
            + ";;;;;;;direction;2.1.1;1.2;Kierunek z obcym kodem;;;;\n"
            + ";;;;;;;direction;1.2.2;1.2;;;;;\n"
            + ";;;;;;;direction;1.2.3;1.2;Kierunek;2022;finished;;\n"
            + ";;;;;;;operational_goal;1.2;1;Cel 1.2 drugi raz;;;;\n";
        await AssertRefusedAsync(HttpMethod.Post, import, TestData.Csv(csv),
            "rows[2].parent_code", "rows[4].year", "rows[5].code", "rows[6].title", "rows[7].status", "rows[8].code");

        // Malformed CSV: an unclosed quote, a row with a wrong number of columns, unknown and missing columns, a non-number.
        await AssertRefusedAsync(HttpMethod.Post, import, TestData.Csv(header + first + ";;;;;;;direction;1.1;1;\"niedomknięty;;;;\n"), "body");
        await AssertRefusedAsync(HttpMethod.Post, import, TestData.Csv(header + first + ";;;;direction;1.1\n"), "rows[2]");
        await AssertRefusedAsync(HttpMethod.Post, import, TestData.Csv("colour;code;title\nred;1;x\n"), "header.colour", "header.kind");
        await AssertRefusedAsync(HttpMethod.Post, import, TestData.Csv(header + first.Replace(";2021;", ";dwa tysiące;")), "rows[1].period_from");
        await AssertRefusedAsync(HttpMethod.Post, import, TestData.Csv(header), "body");

        // Malformed JSON, a wrong type, a bad row in the document format; an unknown content type.
        await AssertRefusedAsync(HttpMethod.Post, import, TestData.Json("{\"strategy\": {\"name\": "), "strategy.name"); // truncated: named where it breaks
        await AssertRefusedAsync(HttpMethod.Post, import, TestData.Json("not json"), "body");
        await AssertRefusedAsync(HttpMethod.Post, import, TestData.Json("{\"strategy\": {\"name\": \"x\", \"period_from\": \"2015\"}}"), "strategy.period_from");
        var json = TestData.ChrzanowDocument();
        var broken = JsonSerializer.Serialize(new
        {
            strategy = json.GetProperty("strategy"),
            areas = json.GetProperty("areas"),
            operational_goals = json.GetProperty("operational_goals"),
            directions = new object[]
            {
                new { code = "I.1.1", operational_goal = "I.9", title = "Kierunek", realized = "TAK", realization_mode = "TAK", conclusions = "" },
                new { code = "I.1.2", operational_goal = "I.1", title = "", realized = "TAK", realization_mode = "TAK", conclusions = "" },
                new { code = "I.1.2", operational_goal = "I.1", title = "Duplikat", realized = "TAK", realization_mode = "TAK", conclusions = "" },
            },
        });
        await AssertRefusedAsync(HttpMethod.Post, import, TestData.Json(broken), "directions[0].operational_goal", "directions[1].title", "directions[2].code");
        await AssertRefusedAsync(HttpMethod.Post, import, new StringContent("<xml/>", System.Text.Encoding.UTF8, "application/xml"), "Content-Type");
    }
}
