using System.Text.Json;
using Catalogue.Api.Domain;
using Catalogue.Api.Import;

namespace Catalogue.Tests;

/// <summary>Direction lists (filters, Polish-aware search, paging, sorting), roll-up and missing entries.</summary>
public sealed class QueryTests(CatalogueFixture fixture) : IClassFixture<CatalogueFixture>
{
    private static readonly List<JsonElement> Rows = TestData.ChrzanowDocument().GetProperty("directions").EnumerateArray().ToList();

    private async Task<JsonElement> ListAsync(Guid strategyId, string query)
    {
        using var client = fixture.Client();
        return await client.GetFromJsonAsync<JsonElement>($"{Api.Root}/strategies/{strategyId}/directions?{query}", TestData.Web);
    }

    private static List<string> Codes(JsonElement page) =>
        page.GetProperty("items").EnumerateArray().Select(d => d.GetProperty("code").GetString()!).ToList();

    [Theory]
    [InlineData("libiaz")]
    [InlineData("LIBIĄŻ")]
    [InlineData("Libiąż")]
    public async Task Search_is_polish_aware(string q)
    {
        var id = await fixture.ChrzanowAsync();
        var expected = Rows.Where(r => PolishText.Fold(r.GetProperty("title").GetString()).Contains("libiaz"))
            .Select(r => r.GetProperty("code").GetString()!).ToList();
        var page = await ListAsync(id, $"q={Uri.EscapeDataString(q)}&pageSize=500");
        Assert.Contains("I.4.1", Codes(page)); // "… Chrzanów – Libiąż …" in its title
        Assert.Equal(expected, Codes(page));
        Assert.Equal(expected.Count, page.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Search_folds_l_with_stroke_which_has_no_combining_mark()
    {
        using var client = fixture.Client();
        var id = await Api.CreateStrategyAsync(client, "lacko-2030");
        var goal = await Api.CreateNodeAsync(client, id, null, "operational_goal", "1", "Środowisko");
        await Api.CreateNodeAsync(client, id, goal, "direction", "1.1", "Wymiana pieców w Łące i Głogoczowie");
        await Api.CreateNodeAsync(client, id, goal, "direction", "1.2", "Ścieżki rowerowe");
        Assert.Equal(["1.1"], Codes(await ListAsync(id, "q=lace")));
        Assert.Equal(["1.1"], Codes(await ListAsync(id, "q=glogoczow")));
        Assert.Equal(["1.1"], Codes(await ListAsync(id, $"q={Uri.EscapeDataString("ŁĄCE")}")));
        Assert.Equal(["1.2"], Codes(await ListAsync(id, "q=sciezki")));
    }

    [Fact]
    public async Task Filters_by_status_and_period_area_wide_node_and_implementer()
    {
        var id = await fixture.ChrzanowAsync();
        var partial = Rows.Where(r => RealizationModeMapper.Map(r.GetProperty("realization_mode").GetString()) == "partial")
            .Select(r => r.GetProperty("code").GetString()!).ToList();
        Assert.Equal(partial, Codes(await ListAsync(id, "status=partial&yearFrom=2015&yearTo=2023&pageSize=500")));
        // Without a period the status is the direction's latest entry, here the same evaluation.
        Assert.Equal(partial, Codes(await ListAsync(id, "status=partial&pageSize=500")));
        // No yearly entries: nothing has a status in 2020.
        Assert.Equal(0, (await ListAsync(id, "status=partial&year=2020")).GetProperty("total").GetInt32());

        var areaWide = Rows.Where(r => r.GetProperty("title").GetString()!.Contains("projekt w ramach całego obszaru funkcjonalnego"))
            .Select(r => r.GetProperty("code").GetString()!).ToList();
        Assert.Equal(areaWide, Codes(await ListAsync(id, "areaWide=true&pageSize=500")));
        Assert.Equal(Rows.Count - areaWide.Count, (await ListAsync(id, "areaWide=false")).GetProperty("total").GetInt32());

        using var client = fixture.Client();
        var strategy = await client.GetFromJsonAsync<JsonElement>($"{Api.Root}/strategies/{id}", TestData.Web);
        var i4 = Flatten(strategy.GetProperty("tree")).Single(n => n.GetProperty("code").GetString() == "I.4" && n.GetProperty("kind").GetString() == "operational_goal");
        var underI4 = Rows.Where(r => r.GetProperty("operational_goal").GetString() == "I.4").Select(r => r.GetProperty("code").GetString()!).ToList();
        Assert.Equal(underI4, Codes(await ListAsync(id, $"node={i4.GetProperty("id").GetGuid()}&pageSize=500")));
        var areaI = strategy.GetProperty("tree")[0].GetProperty("id").GetGuid();
        Assert.Equal(Rows.Count(r => r.GetProperty("code").GetString()!.StartsWith("I.")),
            (await ListAsync(id, $"node={areaI}")).GetProperty("total").GetInt32());
        // Combined: partial directions under I.4 whose title mentions roads ("dróg").
        Assert.Equal(partial.Where(c => c.StartsWith("I.4.") && PolishText.Fold(Rows.Single(r => r.GetProperty("code").GetString() == c).GetProperty("title").GetString()).Contains("drog")).ToList(),
            Codes(await ListAsync(id, $"node={i4.GetProperty("id").GetGuid()}&status=partial&q=drog&pageSize=500")));

        var other = await Api.CreateStrategyAsync(client, "implementers-2030");
        var goal = await Api.CreateNodeAsync(client, other, null, "strategic_goal", "4", "Przedsiębiorczość");
        await Api.CreateNodeAsync(client, other, goal, "direction", "4.1", "Inkubator", implementers: ["JST", "PUP"]);
        await Api.CreateNodeAsync(client, other, goal, "direction", "4.2", "Drogi", implementers: ["zarząd dróg"]);
        Assert.Equal(["4.1"], Codes(await ListAsync(other, "implementer=PUP")));
        Assert.Equal(["4.2"], Codes(await ListAsync(other, $"implementer={Uri.EscapeDataString("zarząd dróg")}")));
    }

    [Fact]
    public async Task Lists_are_paged_with_the_total_and_sorted()
    {
        var id = await fixture.ChrzanowAsync();
        var all = Codes(await ListAsync(id, "pageSize=500"));
        Assert.Equal(Rows.Select(r => r.GetProperty("code").GetString()!).ToList(), all); // tree order = the document's order

        var page2 = await ListAsync(id, "page=2&pageSize=10");
        Assert.Equal(Rows.Count, page2.GetProperty("total").GetInt32());
        Assert.Equal(2, page2.GetProperty("page").GetInt32());
        Assert.Equal(10, page2.GetProperty("pageSize").GetInt32());
        Assert.Equal(all.Skip(10).Take(10).ToList(), Codes(page2));
        var last = await ListAsync(id, $"page={(Rows.Count + 9) / 10}&pageSize=10");
        Assert.Equal(all.Skip((Rows.Count - 1) / 10 * 10).ToList(), Codes(last));
        Assert.Empty(Codes(await ListAsync(id, "page=100&pageSize=10")));

        Assert.Equal(all.AsEnumerable().Reverse().ToList(), Codes(await ListAsync(id, "sort=-tree&pageSize=500")));
        Assert.Equal(all.Order(StringComparer.Ordinal).ToList(), Codes(await ListAsync(id, "sort=code&pageSize=500")));
        var titles = (await ListAsync(id, "sort=title&pageSize=500")).GetProperty("items").EnumerateArray().Select(d => d.GetProperty("title").GetString()!).ToList();
        Assert.Equal(titles.Count, Rows.Count);
    }

    [Fact]
    public async Task Roll_up_is_weighted_counts_statuses_and_reports_missing_directions_apart()
    {
        using var client = fixture.Client();
        var id = await Api.CreateStrategyAsync(client, "rollup-2030");
        var goal = await Api.CreateNodeAsync(client, id, null, "strategic_goal", "1", "Cel 1");
        var op1 = await Api.CreateNodeAsync(client, id, goal, "operational_goal", "1.1", "Cel operacyjny 1.1");
        var op2 = await Api.CreateNodeAsync(client, id, goal, "operational_goal", "1.2", "Cel operacyjny 1.2");
        var a = await Api.CreateNodeAsync(client, id, op1, "direction", "1.1.1", "A", weight: 3);
        var b = await Api.CreateNodeAsync(client, id, op1, "direction", "1.1.2", "B");
        var c = await Api.CreateNodeAsync(client, id, op1, "direction", "1.1.3", "C"); // no entry in 2022
        var d = await Api.CreateNodeAsync(client, id, op2, "direction", "1.2.1", "D");
        await Api.RecordAsync(client, a, 2022, "completed");
        await Api.RecordAsync(client, b, 2022, "not_realized");
        await Api.RecordAsync(client, d, 2022, "partial");
        await Api.RecordAsync(client, c, 2023, "completed"); // another year: does not count for 2022

        var tree = await client.GetFromJsonAsync<JsonElement>($"{Api.Root}/strategies/{id}?year=2022", TestData.Web);
        var nodes = Flatten(tree.GetProperty("tree")).ToDictionary(n => n.GetProperty("code").GetString()!);
        var p11 = nodes["1.1"].GetProperty("progress");
        Assert.Equal(0.75, p11.GetProperty("progress").GetDouble(), 4);      // (3·1 + 1·0) / 4; C missing, not zero
        Assert.Equal(3, p11.GetProperty("directions").GetInt32());
        Assert.Equal(2, p11.GetProperty("reported").GetInt32());
        Assert.Equal(1, p11.GetProperty("missing").GetInt32());
        Assert.Equal(1, p11.GetProperty("statusCounts").GetProperty("completed").GetInt32());
        Assert.Equal(1, p11.GetProperty("statusCounts").GetProperty("not_realized").GetInt32());
        Assert.Equal(0.5, nodes["1.2"].GetProperty("progress").GetProperty("progress").GetDouble(), 4);
        var top = nodes["1"].GetProperty("progress");
        Assert.Equal((3 * 1.0 + 0 + 0.5) / 5, top.GetProperty("progress").GetDouble(), 4);
        Assert.Equal(4, top.GetProperty("directions").GetInt32());
        Assert.Equal(1, top.GetProperty("missing").GetInt32());
        Assert.Equal(1, top.GetProperty("statusCounts").GetProperty("partial").GetInt32());
        Assert.Equal(1.0, nodes["1.1.1"].GetProperty("progress").GetProperty("progress").GetDouble());
        Assert.Equal(JsonValueKind.Null, nodes["1.1.3"].GetProperty("progress").GetProperty("progress").ValueKind);

        // A year nobody reported: everything missing, progress unknown rather than 0.
        var empty = await client.GetFromJsonAsync<JsonElement>($"{Api.Root}/strategies/{id}?year=2025", TestData.Web);
        var emptyTop = empty.GetProperty("tree")[0].GetProperty("progress");
        Assert.Equal(JsonValueKind.Null, emptyTop.GetProperty("progress").ValueKind);
        Assert.Equal(4, emptyTop.GetProperty("missing").GetInt32());
        // Without ?year= the tree comes without roll-up.
        var plain = await client.GetFromJsonAsync<JsonElement>($"{Api.Root}/strategies/{id}", TestData.Web);
        Assert.Equal(JsonValueKind.Null, plain.GetProperty("tree")[0].GetProperty("progress").ValueKind);

        // Missing entries for 2022: C only.
        var missing = await client.GetFromJsonAsync<JsonElement>($"{Api.Root}/strategies/{id}/missing-entries?year=2022", TestData.Web);
        Assert.Equal(["1.1.3"], Codes(missing));
        Assert.Equal(1, missing.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Chrzanow_evaluation_rolls_up_per_status_and_every_year_is_missing()
    {
        var id = await fixture.ChrzanowAsync();
        using var client = fixture.Client();
        var tree = await client.GetFromJsonAsync<JsonElement>($"{Api.Root}/strategies/{id}?yearFrom=2015&yearTo=2023", TestData.Web);
        var expected = Rows.GroupBy(r => RealizationModeMapper.Map(r.GetProperty("realization_mode").GetString()) ?? "unmapped")
            .ToDictionary(g => g.Key, g => g.Count());
        var areas = tree.GetProperty("tree").EnumerateArray().Select(a => a.GetProperty("progress")).ToList();
        foreach (var status in MonitoringStatus.All)
            Assert.Equal(expected.GetValueOrDefault(status), areas.Sum(a => a.GetProperty("statusCounts").GetProperty(status).GetInt32()));
        Assert.Equal(expected.GetValueOrDefault("unmapped"), areas.Sum(a => a.GetProperty("unmapped").GetInt32()));
        Assert.Equal(0, areas.Sum(a => a.GetProperty("missing").GetInt32()));

        var missing2020 = await client.GetFromJsonAsync<JsonElement>($"{Api.Root}/strategies/{id}/missing-entries?year=2020&pageSize=500", TestData.Web);
        Assert.Equal(Rows.Count, missing2020.GetProperty("total").GetInt32());
        var missingEvaluation = await client.GetFromJsonAsync<JsonElement>($"{Api.Root}/strategies/{id}/missing-entries?yearFrom=2015&yearTo=2023", TestData.Web);
        Assert.Equal(0, missingEvaluation.GetProperty("total").GetInt32());
    }

    internal static IEnumerable<JsonElement> Flatten(JsonElement nodes)
    {
        foreach (var node in nodes.EnumerateArray())
        {
            yield return node;
            foreach (var child in Flatten(node.GetProperty("children"))) yield return child;
        }
    }
}
