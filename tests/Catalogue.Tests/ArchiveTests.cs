using System.Net;
using System.Text.Json;
using Platform.ServiceDefaults.Identity;
using Platform.Testing;

namespace Catalogue.Tests;

/// <summary>
/// A strategy imported by mistake is archived by its coordinator: gone from the public lists, closed to entries, kept
/// whole with its history and restorable by an administrator; reporting hears of both through the outbox.
/// </summary>
public sealed class ArchiveTests(CatalogueFixture fixture) : IClassFixture<CatalogueFixture>
{
    [Fact]
    public async Task A_coordinator_archives_a_strategy_and_an_administrator_restores_it_whole()
    {
        using var coordinator = fixture.Client();
        using var reader = fixture.AnonymousClient();
        var strategy = await Api.CreateStrategyAsync(coordinator, "archiwum-2030");
        var goal = await Api.CreateNodeAsync(coordinator, strategy, null, "strategic_goal", "1", "Cel 1");
        var op = await Api.CreateNodeAsync(coordinator, strategy, goal, "operational_goal", "1.1", "Cel 1.1");
        var direction = await Api.CreateNodeAsync(coordinator, strategy, op, "direction", "1.1.1", "Kierunek 1.1.1");
        await Api.RecordAsync(coordinator, direction, 2022, "completed");
        var version = (await coordinator.GetFromJsonAsync<JsonElement>($"{Api.Root}/strategies/{strategy}", TestData.Web)).GetProperty("version").GetInt32();
        var archive = $"{Api.Root}/strategies/{strategy}/archive";

        // Refused: no version, a stale one, a coordinator of another powiat, anonymous.
        Assert.Equal(HttpStatusCode.BadRequest, (await coordinator.SendAsync(HttpMethod.Post, archive, null)).Status);
        Assert.Equal(HttpStatusCode.Conflict, (await coordinator.SendAsync(HttpMethod.Post, $"{archive}?expectedVersion={version - 1}", null)).Status);
        using (var other = fixture.Host.CreateHttpClient().As(PlatformRoles.Coordinator, "1206", "koordynator@krakowski.pl"))
            Assert.Equal(HttpStatusCode.Forbidden, (await other.SendAsync(HttpMethod.Post, $"{archive}?expectedVersion={version}", null)).Status);
        using (var anonymous = fixture.AnonymousClient())
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.SendAsync(HttpMethod.Post, $"{archive}?expectedVersion={version}", null)).Status);
        Assert.Contains(strategy, await ListedAsync(reader, archived: false));

        var (ok, archived) = await coordinator.SendAsync(HttpMethod.Post, $"{archive}?expectedVersion={version}", null);
        Assert.Equal(HttpStatusCode.OK, ok);
        Assert.Equal(JsonValueKind.String, archived.GetProperty("archivedAt").ValueKind);
        Assert.Equal("koordynator@powiat.pl", archived.GetProperty("archivedBy").GetString());

        // Out of the public list; the archive is for those who may archive or restore; the strategy and its history stay.
        Assert.DoesNotContain(strategy, await ListedAsync(reader, archived: false));
        using (var anonymous = fixture.AnonymousClient())
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.SendAsync(HttpMethod.Get, $"{Api.Root}/strategies?archived=true&pageSize=500", null)).Status);
        Assert.Contains(strategy, await ListedAsync(coordinator, archived: true));
        Assert.Equal("Kierunek 1.1.1", (await coordinator.GetFromJsonAsync<JsonElement>($"{Api.Root}/strategies/{strategy}", TestData.Web))
            .GetProperty("tree")[0].GetProperty("children")[0].GetProperty("children")[0].GetProperty("title").GetString());
        Assert.Single((await coordinator.GetFromJsonAsync<JsonElement>($"{Api.Root}/directions/{direction}/entries", TestData.Web)).EnumerateArray());
        // Closed to new entries; archiving twice says so.
        var (closed, why) = await coordinator.SendAsync(HttpMethod.Post, $"{Api.Root}/directions/{direction}/entries",
            new { year = 2023, status = "partial", expectedVersion = 0 });
        Assert.Equal(HttpStatusCode.Conflict, closed);
        Assert.Contains("w archiwum", why.GetProperty("detail").GetString());

        // Restoring is an administrator's: the strategy is back, as it was.
        var restore = $"{Api.Root}/strategies/{strategy}/restore";
        Assert.Equal(HttpStatusCode.Forbidden, (await coordinator.SendAsync(HttpMethod.Post, restore, null)).Status);
        using var admin = fixture.Host.CreateHttpClient().As(PlatformRoles.Admin, "", "administrator");
        var (restored, back) = await admin.SendAsync(HttpMethod.Post, restore, null);
        Assert.Equal(HttpStatusCode.OK, restored);
        Assert.Equal(JsonValueKind.Null, back.GetProperty("archivedAt").ValueKind);
        Assert.Contains(strategy, await ListedAsync(reader, archived: false));
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.SendAsync(HttpMethod.Post, restore, null)).Status);

        // Reporting hears of both, in order.
        await Eventually.AssertAsync(async () => (await fixture.EventsForAsync(strategy)).Count(e => e.Type == "StrategyPublished") >= 3,
            TimeSpan.FromSeconds(30), "the archive and restore events");
        var published = (await fixture.EventsForAsync(strategy)).Where(e => e.Type == "StrategyPublished")
            .Select(e => (e.Message.GetProperty("version").GetInt32(), e.Message.GetProperty("archived").GetBoolean())).ToList();
        Assert.Equal([(version + 1, true), (version + 2, false)], published.TakeLast(2));
    }

    private static async Task<List<Guid>> ListedAsync(HttpClient client, bool archived)
    {
        var page = await client.GetFromJsonAsync<JsonElement>($"{Api.Root}/strategies?pageSize=500&archived={(archived ? "true" : "false")}", TestData.Web);
        return page.GetProperty("items").EnumerateArray().Select(s => s.GetProperty("id").GetGuid()).ToList();
    }
}
