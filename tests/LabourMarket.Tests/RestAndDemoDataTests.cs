using Platform.ServiceDefaults.Identity;
using Platform.Testing;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LabourMarket.Api.Import;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace LabourMarket.Tests;

/// <summary>The REST surface under /api/v1/labour and the shipped demo data.</summary>
public sealed class RestAndDemoDataTests(LabourMarketFixture fixture) : IClassFixture<LabourMarketFixture>
{
    // Writes here (a JSON batch) are an administrator's, signed as the gateway signs.
    private readonly HttpClient _http = fixture.Host.CreateHttpClient().As(PlatformRoles.Admin, "");

    [Fact]
    public async Task Units_and_indicators_are_listed()
    {
        var units = await _http.GetFromJsonAsync<JsonElement>("api/v1/labour/units?parent=1203");
        Assert.Equal(13, units.GetProperty("total").GetInt32()); // 5 gminy, 4 × (town part, rural part)
        Assert.Contains(units.GetProperty("items").EnumerateArray(), u => u.GetProperty("teryt").GetString() == "1203022" && u.GetProperty("kind").GetString() == "rural");

        var indicators = await _http.GetFromJsonAsync<JsonElement>("api/v1/labour/indicators");
        Assert.Equal(["inflow", "long_term_unemployed", "outflow", "registered_unemployed", "unemployed_with_benefit", "unemployment_rate"],
            indicators.GetProperty("indicators").EnumerateArray().Select(i => i.GetProperty("code").GetString()));
        Assert.Contains(indicators.GetProperty("breakdowns").EnumerateArray(), b => b.GetProperty("code").GetString() == "sex:female");
    }

    [Fact]
    public async Task A_json_batch_is_accepted_and_a_bad_one_answers_problem_details_naming_the_rows()
    {
        var good = new { batchId = "rest-" + Guid.NewGuid().ToString("N"), source = "test", rows = new object[]
        {
            new { indicator = "unemployed_with_benefit", unit = "1203", period = "2007", value = 410 },
            new { indicator = "unemployed_with_benefit", unit = "1203", period = "2007-Q4", value = 405 },
        } };
        var accepted = await (await _http.PostAsJsonAsync("api/v1/labour/observations", good)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(2, accepted.GetProperty("accepted").GetInt64());

        var series = await _http.GetFromJsonAsync<JsonElement>("api/v1/labour/series?indicator=unemployed_with_benefit&unit=1203&from=2000&to=2010");
        Assert.Equal(410m, Assert.Single(series.GetProperty("points").EnumerateArray()).GetProperty("value").GetDecimal());

        var bad = new { batchId = "rest-" + Guid.NewGuid().ToString("N"), source = "test", rows = new object[]
        {
            new { indicator = "unemployed_with_benefit", unit = "1203", period = "2006", value = 400 },
            new { indicator = "unemployed_with_benefit", unit = "1203", period = "2006-02", value = -1 },
        } };
        var response = await _http.PostAsJsonAsync("api/v1/labour/observations", bad);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("rows[2].value", out _));
        var nothing = await _http.GetFromJsonAsync<JsonElement>("api/v1/labour/series?indicator=unemployed_with_benefit&unit=1203&from=2006&to=2006");
        Assert.Empty(nothing.GetProperty("points").EnumerateArray());
    }

    [Fact]
    public async Task A_batch_with_a_misnamed_field_or_no_rows_is_refused_naming_the_field_and_writes_nothing()
    {
        var batchId = "rest-" + Guid.NewGuid().ToString("N");
        // "observations" instead of "rows": once accepted as a success with 0 rows.
        var misnamed = new { batchId, source = "test", observations = new object[] { new { indicator = "registered_unemployed", unit = "1203", period = "2023-11", value = 4851 } } };
        using (var response = await _http.PostAsJsonAsync("api/v1/labour/observations", misnamed))
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Contains("Nieznane pole „observations”", problem.GetProperty("errors").GetProperty("observations")[0].GetString());
        }
        // A misnamed field inside a row is named with its place.
        var rowTypo = new { batchId, source = "test", rows = new object[] { new { indicator = "registered_unemployed", unit = "1203", period = "2023-11", wartosc = 4851 } } };
        using (var response = await _http.PostAsJsonAsync("api/v1/labour/observations", rowTypo))
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
            Assert.Contains(errors.EnumerateObject(), e => e.Name.EndsWith("wartosc", StringComparison.Ordinal) && e.Name.StartsWith("rows[0]", StringComparison.Ordinal));
        }
        foreach (var empty in (object[])[new { batchId, source = "test", rows = Array.Empty<object>() }, new { batchId, source = "test" }])
        {
            using var response = await _http.PostAsJsonAsync("api/v1/labour/observations", empty);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains("żadnego wiersza", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("rows")[0].GetString());
        }
        // Nothing was recorded under the batch id: the same id is still free for the real batch.
        var good = new { batchId, source = "test", rows = new object[] { new { indicator = "inflow", unit = "1203", period = "2005-03", value = 400 } } };
        using var ok = await _http.PostAsJsonAsync("api/v1/labour/observations", good);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(1, (await ok.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accepted").GetInt64());
    }

    [Fact]
    public async Task A_bad_query_names_its_parameters()
    {
        var response = await _http.GetAsync("api/v1/labour/series?indicator=nope&unit=9999&from=2015-13");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("indicator", out _));
        Assert.True(errors.TryGetProperty("unit", out _));
        Assert.True(errors.TryGetProperty("from", out _));
    }

    [Fact]
    public async Task Demo_data_agrees_with_the_seed_and_imports_once()
    {
        await ImportDemoDataAsync();
        await ImportDemoDataAsync(); // idempotent: the fixed batch id is already accepted

        var changes = await _http.GetFromJsonAsync<JsonElement>("api/v1/labour/changes?indicator=registered_unemployed&unit=1203&base=2015&to=2023");
        Assert.Equal(4851m, changes.GetProperty("base").GetProperty("value").GetDecimal());
        Assert.StartsWith("Ewaluacja końcowa", changes.GetProperty("base").GetProperty("source").GetString());
        var byYear = changes.GetProperty("changes").EnumerateArray().ToDictionary(c => c.GetProperty("observation").GetProperty("period").GetString()!);
        Assert.Equal(8, byYear.Count);
        Assert.Equal(2339m, byYear["2023"].GetProperty("observation").GetProperty("value").GetDecimal());
        Assert.Equal(-2512m, byYear["2023"].GetProperty("sinceBase").GetDecimal());
        Assert.True(byYear["2020"].GetProperty("yearOnYear").GetDecimal() > 0, "the pandemic rise of 2020");
        Assert.True(byYear["2021"].GetProperty("yearOnYear").GetDecimal() < 0);
        Assert.Equal("dane demonstracyjne", byYear["2020"].GetProperty("observation").GetProperty("source").GetString());

        var compare = await _http.GetFromJsonAsync<JsonElement>("api/v1/labour/compare?indicator=registered_unemployed&period=2023-12&parent=1203");
        var values = compare.GetProperty("values").EnumerateArray()
            .ToDictionary(v => v.GetProperty("unit").GetProperty("name").GetString()!, v => v.GetProperty("observation").GetProperty("value").GetDecimal());
        Assert.Equal(2339m, values.Values.Sum());
        Assert.Equal("Chrzanów", values.MaxBy(v => v.Value).Key);
        Assert.Equal("Babice", values.MinBy(v => v.Value).Key);

        var shares = await _http.GetFromJsonAsync<JsonElement>("api/v1/labour/shares?unit=1203&period=2023");
        Assert.True(shares.GetProperty("womenPercent").GetDecimal() > 50m, "women are the majority");
        Assert.True(shares.GetProperty("longTermPercent").GetDecimal() > 0m);

        var latest = await _http.GetFromJsonAsync<JsonElement>("api/v1/labour/latest?indicator=registered_unemployed&unit=1203033&frequency=month");
        Assert.Equal("2023-12", latest.GetProperty("latest").GetProperty("period").GetString());
    }

    private async Task ImportDemoDataAsync()
    {
        var importer = new DemoDataImporter(fixture.Host.Services.GetRequiredService<IServiceScopeFactory>(),
            Options.Create(new DemoDataOptions { Import = true }), NullLogger<DemoDataImporter>.Instance);
        await importer.StartAsync(CancellationToken.None);
    }

    [Fact]
    public async Task An_anonymous_REST_batch_is_401_and_writes_nothing()
    {
        using var anonymous = fixture.Host.CreateHttpClient();
        var batch = new { batchId = "anon-" + Guid.NewGuid().ToString("N"), source = "x", rows = new[] { new { indicator = "inflow", unit = "1203033", period = "2005-01", value = 3.0 } } };
        using var response = await anonymous.PostAsJsonAsync("api/v1/labour/observations", batch);
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, response.StatusCode);
        var series = await anonymous.GetFromJsonAsync<JsonElement>("api/v1/labour/series?indicator=inflow&unit=1203033&from=2005-01&to=2005-01");
        Assert.Equal(0, series.GetProperty("points").GetArrayLength());
    }
}
