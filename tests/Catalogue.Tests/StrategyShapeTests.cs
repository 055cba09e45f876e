using System.Net;
using System.Text.Json;

namespace Catalogue.Tests;

/// <summary>Two strategies of different shapes in one catalogue, kept apart; CSV re-imports update in place.</summary>
public sealed class StrategyShapeTests(CatalogueFixture fixture) : IClassFixture<CatalogueFixture>
{
    [Fact]
    public async Task A_differently_shaped_strategy_is_held_apart_and_a_csv_reimport_updates_instead_of_duplicating()
    {
        using var client = fixture.Client();
        var chrzanow = await EnsureChrzanowAsync(client);
        using var response = await client.PostAsync("api/v1/catalogue/strategies/import", TestData.Csv(TestData.BliskoKrakowaCsv));
        var report = await response.ReadJsonAsync();
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = report.GetProperty("strategyId").GetGuid();
        Assert.NotEqual(chrzanow, id);
        Assert.Equal(4, report.GetProperty("nodeCounts").GetProperty("direction").GetInt32());
        Assert.Equal(2, report.GetProperty("nodeCounts").GetProperty("operational_goal").GetInt32());
        Assert.False(report.GetProperty("nodeCounts").TryGetProperty("area", out _));
        Assert.Equal(4, report.GetProperty("entriesRecorded").GetInt32());
        Assert.Empty(report.GetProperty("unmapped").EnumerateArray());

        var tree = await client.GetFromJsonAsync<JsonElement>($"api/v1/catalogue/strategies/{id}", TestData.Web);
        Assert.Equal("group", tree.GetProperty("owner").GetProperty("kind").GetString());
        Assert.Equal(5, tree.GetProperty("owner").GetProperty("units").GetArrayLength());
        var goal4 = tree.GetProperty("tree").EnumerateArray().Single(n => n.GetProperty("code").GetString() == "4");
        Assert.Equal("4.2.1", goal4.GetProperty("children")[0].GetProperty("children")[0].GetProperty("code").GetString());

        // Each strategy lists only its own directions.
        var own = await client.GetFromJsonAsync<JsonElement>($"api/v1/catalogue/strategies/{id}/directions", TestData.Web);
        Assert.Equal(4, own.GetProperty("total").GetInt32());
        Assert.All(own.GetProperty("items").EnumerateArray(), d => Assert.Equal(id, d.GetProperty("strategyId").GetGuid()));
        var list = await client.GetFromJsonAsync<JsonElement>("api/v1/catalogue/strategies", TestData.Web);
        Assert.True(list.GetProperty("total").GetInt32() >= 2);

        // Re-import with a changed title and a new entry: the node is updated in place, the entry versioned.
        var changed = TestData.BliskoKrakowaCsv
            .Replace("Szkolenia dla zakładających firmy", "Szkolenia i doradztwo dla zakładających firmy")
            .Replace(";;;;;;;direction;5.1.4;5.1;Wymiana pieców w Trzebini i Łące;JST|NGO;nie;;;;;",
                     ";;;;;;;direction;5.1.4;5.1;Wymiana pieców w Trzebini i Łące;JST|NGO;nie;;2024;partial;;");
        using var second = await client.PostAsync("api/v1/catalogue/strategies/import", TestData.Csv(changed));
        var secondReport = await second.ReadJsonAsync();
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(id, secondReport.GetProperty("strategyId").GetGuid());
        Assert.Equal(0, secondReport.GetProperty("nodesCreated").GetInt32());
        Assert.Equal(1, secondReport.GetProperty("nodesUpdated").GetInt32());
        Assert.Equal(1, secondReport.GetProperty("entriesRecorded").GetInt32());
        var after = await client.GetFromJsonAsync<JsonElement>($"api/v1/catalogue/strategies/{id}/directions?q=doradztwo", TestData.Web);
        Assert.Equal(1, after.GetProperty("total").GetInt32());
        Assert.Equal(4, (await client.GetFromJsonAsync<JsonElement>($"api/v1/catalogue/strategies/{id}/directions", TestData.Web))
            .GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task A_direction_is_forwarded_to_another_strategys_direction_and_carries_its_indicators()
    {
        using var client = fixture.Client();
        var county = await Api.CreateStrategyAsync(client, "powiat-2030");
        var mof = await Api.CreateStrategyAsync(client, "mof-chrzanowa-2030");
        var mofGoal = await Api.CreateNodeAsync(client, mof, null, "domain", "D1", "Dziedzina współpracy: gospodarka");
        var target = await Api.CreateNodeAsync(client, mof, mofGoal, "direction", "D1.1", "Wspólna oferta terenów inwestycyjnych");
        var goal = await Api.CreateNodeAsync(client, county, null, "operational_goal", "I.1", "Rozwój potencjału inwestycyjnego");
        var sameStrategy = await Api.CreateNodeAsync(client, county, goal, "direction", "I.1.1", "Identyfikacja terenów");

        var created = await client.PostOkAsync($"{Api.Root}/strategies/{county}/nodes", new
        {
            parentId = goal, kind = "direction", code = "I.1.4", title = "System informacji o terenach inwestycyjnych",
            forwardedTo = new[] { target },
            indicators = new[] { new { indicatorCode = "registered_unemployed", territorialUnit = "1203", baselineYear = 2015, baselineValue = 4851, targetYear = 2023, targetValue = 3000 } },
        });
        Assert.Equal(target, created.GetProperty("forwardedTo")[0].GetGuid());
        var indicator = created.GetProperty("indicators")[0];
        Assert.Equal(4851m, indicator.GetProperty("baselineValue").GetDecimal());
        Assert.Equal("1203", indicator.GetProperty("territorialUnit").GetString());

        // Forwarding stays between strategies: a direction of the same strategy, or a goal, is refused.
        var (status, problem) = await client.SendAsync(HttpMethod.Post, $"{Api.Root}/strategies/{county}/nodes", new
        {
            parentId = goal, kind = "direction", code = "I.1.5", title = "x", forwardedTo = new[] { sameStrategy, mofGoal },
        });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.True(problem.GetProperty("errors").TryGetProperty("forwardedTo[0]", out _));
        Assert.True(problem.GetProperty("errors").TryGetProperty("forwardedTo[1]", out _));

        var list = await client.GetFromJsonAsync<JsonElement>($"{Api.Root}/strategies/{county}/directions?q=informacji", TestData.Web);
        Assert.Equal(target, list.GetProperty("items")[0].GetProperty("forwardedTo")[0].GetGuid());
        // The other strategy's lists are not touched.
        Assert.Equal(1, (await client.GetFromJsonAsync<JsonElement>($"{Api.Root}/strategies/{mof}/directions", TestData.Web)).GetProperty("total").GetInt32());
    }

    private static async Task<Guid> EnsureChrzanowAsync(HttpClient client) =>
        (await TestData.ImportChrzanowAsync(client)).GetProperty("strategyId").GetGuid();
}
