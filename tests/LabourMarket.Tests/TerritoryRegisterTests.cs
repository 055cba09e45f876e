using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using Grpc.Reflection.V1;
using LabourMarket.Api.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts.Territory.V1;
using Platform.Messaging.Outbox;
using Platform.ServiceDefaults.Grpc;
using Platform.ServiceDefaults.Identity;
using Platform.Territory.Persistence;
using Platform.Testing;
using static LabourMarket.Tests.LabourClient;

namespace LabourMarket.Tests;

/// <summary>The TERYT register this service owns, loaded from the full GUS file: imports (REST, gRPC), reads, the event.</summary>
public sealed class TerritoryRegisterTests(LabourMarketFixture fixture) : IClassFixture<LabourMarketFixture>
{
    private readonly HttpClient _admin = fixture.Host.CreateHttpClient().As(PlatformRoles.Admin, "", "admin-test");

    private static TerritorialRegister.TerritorialRegisterClient Register(GrpcChannel channel) => new(channel);

    private static Metadata Admin => As(PlatformRoles.Admin, "");

    private static ByteArrayContent Csv(byte[] file)
    {
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        return content;
    }

    /// <summary>What an import writes: the version, the import reports and the register events in the outbox.</summary>
    private async Task<(int Version, int Imports, int Events)> StateAsync()
    {
        await using var scope = fixture.Host.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LabourMarketDbContext>();
        var version = await db.Set<RegisterStateRecord>().Select(s => s.Version).SingleAsync();
        var imports = await db.Set<RegisterImportRecord>().CountAsync();
        var events = await db.Set<OutboxMessage>().CountAsync(m => m.MessageType.Contains("TerritorialRegisterChanged"));
        return (version, imports, events);
    }

    private static void AssertPolandCounts(IReadOnlyDictionary<string, int> counts)
    {
        Assert.Equal(16, counts["voivodeship"]);
        Assert.Equal(380, counts["powiat"]);
        Assert.Equal(2477, counts["gmina"]);
    }

    [Fact]
    public async Task The_full_register_answers_16_voivodeships_380_powiaty_and_2477_gminy_on_every_transport()
    {
        var loaded = fixture.FullImport;
        Assert.True(loaded.Changed);
        Assert.Equal((1, 4332, "utf-8", new DateOnly(2024, 1, 1)), (loaded.Version, loaded.Rows, loaded.Encoding, loaded.StateAsOf));
        AssertPolandCounts(loaded.Counts);

        var rest = await _admin.GetFromJsonAsync<JsonElement>("api/v1/territory/register");
        Assert.Equal(1, rest.GetProperty("version").GetInt32());
        Assert.Equal("2024-01-01", rest.GetProperty("stateAsOf").GetString());
        AssertPolandCounts(rest.GetProperty("counts").Deserialize<Dictionary<string, int>>()!);
        Assert.Contains(rest.GetProperty("recentImports").EnumerateArray(), i => i.GetProperty("rows").GetInt32() == 4332);

        // Through the gateway: REST /api/v1/territory and platform.territory.v1 reach this service.
        using var viaGateway = new HttpClient { BaseAddress = fixture.Gateway.HttpAddress };
        var proxied = await viaGateway.GetFromJsonAsync<JsonElement>("api/v1/territory/register");
        AssertPolandCounts(proxied.GetProperty("counts").Deserialize<Dictionary<string, int>>()!);
        using var gatewayChannel = GrpcChannel.ForAddress(fixture.Gateway.GrpcAddress);
        var grpc = await Register(gatewayChannel).GetRegisterAsync(new GetRegisterRequest(), deadline: Deadline);
        AssertPolandCounts(grpc.Counts.ToDictionary(c => c.Level, c => c.Count));
        Assert.Equal("2024-01-01", grpc.StateAsOf);
    }

    [Fact]
    public async Task Reflection_through_the_gateway_lists_the_register_and_describes_its_methods()
    {
        using var channel = GrpcChannel.ForAddress(fixture.Gateway.GrpcAddress);
        async Task<ServerReflectionResponse> AskAsync(ServerReflectionRequest request)
        {
            using var call = new ServerReflection.ServerReflectionClient(channel).ServerReflectionInfo(deadline: Deadline);
            await call.RequestStream.WriteAsync(request);
            await call.RequestStream.CompleteAsync();
            Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None), "reflection answered nothing");
            return call.ResponseStream.Current;
        }

        var listed = await AskAsync(new ServerReflectionRequest { ListServices = "" });
        Assert.Contains("platform.territory.v1.TerritorialRegister", listed.ListServicesResponse.Service.Select(x => x.Name));
        var file = await AskAsync(new ServerReflectionRequest { FileContainingSymbol = "platform.territory.v1.TerritorialRegister" });
        var proto = Google.Protobuf.Reflection.FileDescriptorProto.Parser.ParseFrom(file.FileDescriptorResponse.FileDescriptorProto[0]);
        Assert.Equal("platform/territory/v1/territory.proto", proto.Name);
        Assert.Equal(["ImportRegister", "SearchUnits", "GetUnit", "GetRegister"], proto.Service.Single().Method.Select(m => m.Name));
    }

    [Fact]
    public async Task The_same_file_again_changes_nothing_but_publishes_the_register_again_through_REST_and_gRPC()
    {
        var before = await StateAsync();
        var file = await File.ReadAllBytesAsync(TercFiles.Full);

        using var response = await _admin.PostAsync("api/v1/territory/register?fileName=TERC_Urzedowy_2024-01-01.csv", Csv(file));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var report = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(report.GetProperty("changed").GetBoolean());
        Assert.Equal(before.Version, report.GetProperty("version").GetInt32());
        Assert.Equal((0, 0, 0, 0), (report.GetProperty("added").GetInt32(), report.GetProperty("renamed").GetInt32(),
            report.GetProperty("ended").GetInt32(), report.GetProperty("reinstated").GetInt32()));
        Assert.Equal("admin-test", report.GetProperty("importedBy").GetString());
        AssertPolandCounts(report.GetProperty("counts").Deserialize<Dictionary<string, int>>()!);

        var grpc = await Register(fixture.Channel).ImportRegisterAsync(
            new ImportRegisterRequest { File = ByteString.CopyFrom(file), FileName = "TERC.csv" }, Admin, Deadline);
        Assert.False(grpc.Changed);
        Assert.Equal((before.Version, 4332, 0, "2024-01-01"), (grpc.Version, grpc.Rows, grpc.Added, grpc.StateAsOf));
        AssertPolandCounts(grpc.Counts.ToDictionary(c => c.Level, c => c.Count));

        // Same version; each import is reported and announces the (unchanged) register once more.
        Assert.Equal((before.Version, before.Imports + 2, before.Events + 2), await StateAsync());
    }

    [Fact]
    public async Task The_outbox_holds_TerritorialRegisterChanged_with_the_whole_register_and_publishes_it()
    {
        await using var scope = fixture.Host.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LabourMarketDbContext>();
        var message = await db.Set<OutboxMessage>().AsNoTracking()
            .Where(m => m.MessageType.Contains("TerritorialRegisterChanged")).OrderBy(m => m.Id).FirstAsync();

        Assert.StartsWith("Platform.Contracts.Events.Territory.V1.TerritorialRegisterChanged", message.MessageType);
        using var body = JsonDocument.Parse(message.Body);
        Assert.Equal(1, body.RootElement.GetProperty("version").GetInt32());
        Assert.Equal("2024-01-01", body.RootElement.GetProperty("stateAsOf").GetString());
        var units = body.RootElement.GetProperty("units").EnumerateArray().ToList();
        Assert.Equal(4333, units.Count); // every row of the file and the PL root
        var skawina = Assert.Single(units, u => u.GetProperty("code").GetString() == "1206113");
        Assert.Equal(("Skawina", "gmina", "1206"), (skawina.GetProperty("name").GetString(), skawina.GetProperty("level").GetString(),
            skawina.GetProperty("parentCode").GetString()));

        // The relay publishes it (the copies in the other services replace theirs from it).
        await Eventually.AssertAsync(async () =>
        {
            await using var check = fixture.Host.CreateScope();
            var published = await check.ServiceProvider.GetRequiredService<LabourMarketDbContext>().Set<OutboxMessage>().AsNoTracking()
                .Where(m => m.Id == message.Id).Select(m => m.PublishedAt).SingleAsync();
            return published is not null;
        }, TimeSpan.FromSeconds(20), "the register event published");
    }

    [Fact]
    public async Task A_bad_file_is_400_naming_its_line_and_column_and_nothing_is_written()
    {
        var before = await StateAsync();
        var lines = (await File.ReadAllLinesAsync(TercFiles.Full)).ToList();
        Assert.StartsWith("02;01;01;1;", lines[3]);
        lines[3] = "02;1;01;1;" + lines[3]["02;01;01;1;".Length..]; // line 4: a POW of one digit
        var bad = Encoding.UTF8.GetBytes(string.Join("\r\n", lines));

        using var response = await _admin.PostAsync("api/v1/territory/register", Csv(bad));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("line[4].POW", out var reasons), errors.ToString());
        Assert.NotEmpty(reasons.EnumerateArray());

        var error = await Assert.ThrowsAsync<RpcException>(() => Register(fixture.Channel).ImportRegisterAsync(
            new ImportRegisterRequest { File = ByteString.CopyFrom(bad) }, Admin, Deadline).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains(error.FieldViolations(), v => v.Field == "line[4].POW");

        // The same file as application/octet-stream: the same answer.
        var binary = new ByteArrayContent(bad);
        binary.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using var asBinary = await _admin.PostAsync("api/v1/territory/register", binary);
        Assert.Equal(HttpStatusCode.BadRequest, asBinary.StatusCode);
        Assert.True((await asBinary.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("line[4].POW", out _));

        // Not a file upload, or far too big for a TERC file.
        using var json = await _admin.PostAsJsonAsync("api/v1/territory/register", new { file = "x" });
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, json.StatusCode);
        using var huge = await _admin.PostAsync("api/v1/territory/register", Csv(new byte[10 * 1024 * 1024 + 1]));
        Assert.Equal(HttpStatusCode.BadRequest, huge.StatusCode);
        Assert.True((await huge.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("body", out _));

        // A wrong header is named too.
        using var header = await _admin.PostAsync("api/v1/territory/register", Csv(Encoding.UTF8.GetBytes("WOJ;POW;NAZWA\n12;;MAŁOPOLSKIE\n")));
        Assert.Equal(HttpStatusCode.BadRequest, header.StatusCode);
        Assert.Contains((await header.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject(),
            e => e.Name.StartsWith("line[1].", StringComparison.Ordinal));

        Assert.Equal(before, await StateAsync());
        var skawina = await _admin.GetFromJsonAsync<JsonElement>("api/v1/territory/units/1206113");
        Assert.Equal("Skawina", skawina.GetProperty("unit").GetProperty("name").GetString());
    }

    [Fact]
    public async Task Only_an_administrator_loads_the_register()
    {
        var before = await StateAsync();
        var file = await File.ReadAllBytesAsync(TercFiles.Full);

        using var anonymous = fixture.Host.CreateHttpClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync("api/v1/territory/register", Csv(file))).StatusCode);
        foreach (var role in new[] { PlatformRoles.Planner, PlatformRoles.LabourOffice, PlatformRoles.Analyst })
        {
            using var client = fixture.Host.CreateHttpClient().As(role, "1203");
            Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsync("api/v1/territory/register", Csv(file))).StatusCode);
        }
        var error = await Assert.ThrowsAsync<RpcException>(() => Register(fixture.Channel).ImportRegisterAsync(
            new ImportRegisterRequest { File = ByteString.CopyFrom(file) }, As(PlatformRoles.LabourOffice, "1203"), Deadline).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);

        Assert.Equal(before, await StateAsync());
    }

    [Fact]
    public async Task Units_are_found_by_name_or_code_with_their_path_and_what_they_contain()
    {
        var found = await _admin.GetFromJsonAsync<JsonElement>("api/v1/territory/units?q=skaw");
        var first = found.GetProperty("items")[0];
        Assert.Equal(("1206113", "gmina Skawina"), (first.GetProperty("code").GetString(), first.GetProperty("displayName").GetString()));
        Assert.Equal(["małopolskie", "krakowski", "Skawina"], first.GetProperty("path").EnumerateArray().Select(p => p.GetString()));

        var unit = await _admin.GetFromJsonAsync<JsonElement>("api/v1/territory/units/1206113");
        Assert.True(unit.GetProperty("current").GetBoolean());
        Assert.Equal(2, unit.GetProperty("children").GetProperty("gmina_part").GetInt32());
        var voivodeship = await _admin.GetFromJsonAsync<JsonElement>("api/v1/territory/units/12");
        Assert.Equal((22, 182), (voivodeship.GetProperty("children").GetProperty("powiat").GetInt32(),
            voivodeship.GetProperty("descendants").GetProperty("gmina").GetInt32()));

        var gminy = await _admin.GetFromJsonAsync<JsonElement>("api/v1/territory/units?within=1206&level=gmina&pageSize=100");
        Assert.Equal(17, gminy.GetProperty("total").GetInt32());

        Assert.Equal(HttpStatusCode.NotFound, (await _admin.GetAsync("api/v1/territory/units/1299999")).StatusCode);
        using var badLevel = await _admin.GetAsync("api/v1/territory/units?q=a&level=county&within=99");
        Assert.Equal(HttpStatusCode.BadRequest, badLevel.StatusCode);
        var errors = (await badLevel.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("level", out _) && errors.TryGetProperty("within", out _), errors.ToString());

        // gRPC, through the gateway: a delegation of Kraków by a word of its name.
        using var channel = GrpcChannel.ForAddress(fixture.Gateway.GrpcAddress);
        var search = await Register(channel).SearchUnitsAsync(new SearchUnitsRequest { Q = "nowa h" }, deadline: Deadline);
        var nowaHuta = Assert.Single(search.Units, u => u.Code == "1261039");
        Assert.Equal(("Kraków-Nowa Huta (delegatura)", "district"), (nowaHuta.DisplayName, nowaHuta.Level));
        var details = await Register(channel).GetUnitAsync(new GetUnitRequest { Code = "1261039" }, deadline: Deadline);
        Assert.Equal(["małopolskie", "Kraków", "Kraków", "Kraków-Nowa Huta"], details.Unit.Path);
        var missing = await Assert.ThrowsAsync<RpcException>(() => Register(channel).GetUnitAsync(new GetUnitRequest { Code = "1299999" }, deadline: Deadline).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Any_set_of_units_is_compared_a_powiats_gminy_a_voivodeships_powiaty_or_a_list()
    {
        var batchId = "compare-" + Guid.NewGuid().ToString("N");
        await fixture.Channel.SubmitAsync(batchId,
        [
            Row("registered_unemployed", "1206113", "2022-06", 380), Row("registered_unemployed", "1206", "2022-06", 3100),
            Row("registered_unemployed", "1261", "2022-06", 12000), Row("registered_unemployed", "1465011", "2022-06", 21000),
        ]);

        var gminy = await _admin.GetFromJsonAsync<JsonElement>("api/v1/labour/compare?indicator=registered_unemployed&period=2022-06&parent=1206");
        var values = gminy.GetProperty("values").EnumerateArray().ToList();
        Assert.Equal(17, values.Count);
        Assert.Equal(380m, Assert.Single(values, v => v.GetProperty("unit").GetProperty("teryt").GetString() == "1206113")
            .GetProperty("observation").GetProperty("value").GetDecimal());

        var powiaty = await _admin.GetFromJsonAsync<JsonElement>("api/v1/labour/compare?indicator=registered_unemployed&period=2022-06&parent=12");
        Assert.Equal(22, powiaty.GetProperty("values").GetArrayLength());
        Assert.Equal(2, powiaty.GetProperty("values").EnumerateArray().Count(v => v.GetProperty("observation").ValueKind == JsonValueKind.Object));

        // A list across voivodeships and levels, in the order asked.
        var list = await fixture.Channel.Labour().CompareUnitsAsync(new Platform.Contracts.Labour.V1.CompareUnitsRequest
        {
            Indicator = "registered_unemployed", Period = "2022-06", Units = { "1465011", "1206113", "0264011" },
        }, deadline: Deadline);
        Assert.Equal(["1465011", "1206113", "0264011"], list.Values.Select(v => v.Unit.Teryt));
        Assert.Equal([21000.0, 380.0, (double?)null], list.Values.Select(v => v.Observation?.Value));

        using var unknown = await _admin.GetAsync("api/v1/labour/compare?indicator=registered_unemployed&period=2022-06&units=1206113,1299999");
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
    }
}
