using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using EndToEnd.Tests.Harness;
using Npgsql;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace EndToEnd.Tests.Security;

/// <summary>
/// Security findings 1 and 2 against the platform as deploy/run.sh starts it: what listens where, the broker's
/// default administrator, what each service's broker user and database role may do.
/// </summary>
[Collection(PlatformCollection.Name)]
[Trait("Category", "EndToEnd")]
public sealed class LeastPrivilegeTests(PlatformFixture platform)
{
    // Every port the platform opens; only the gateway's may face the network, and only when configured so.
    private static readonly int[] PlatformPorts = [5432, 5672, 15672, 25672, 4369, 5101, 5102, 5201, 5202, 5301, 5302, 5401, 5402];
    private static readonly int[] GatewayPorts = [8080, 8081];

    [Fact]
    public async Task Nothing_but_the_gateway_listens_beyond_loopback()
    {
        var psi = new ProcessStartInfo("ss", "-ltnH") { RedirectStandardOutput = true, UseShellExecute = false };
        using var ss = Process.Start(psi)!;
        var lines = (await ss.StandardOutput.ReadToEndAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        await ss.WaitForExitAsync();
        var listeners = lines.Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[3]).ToList();
        Assert.Contains(listeners, l => l.EndsWith(":5672")); // the broker is up: the check below means something
        var exposed = listeners
            .Where(l => !l.StartsWith("127.") && !l.StartsWith("[::1]"))
            .Where(l => int.TryParse(l[(l.LastIndexOf(':') + 1)..], out var port) && PlatformPorts.Concat(GatewayPorts).Contains(port))
            .ToList();
        var allowed = Environment.GetEnvironmentVariable("PLATFORM_PUBLIC_ADDRESS") is { Length: > 0 } ? GatewayPorts : [];
        Assert.All(exposed, l => Assert.Contains(int.Parse(l[(l.LastIndexOf(':') + 1)..]), allowed));
    }

    [Fact]
    public async Task The_default_guest_administrator_is_refused_by_the_broker()
    {
        using var http = new HttpClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.ASCII.GetBytes("guest:guest")));
        using var overview = await http.GetAsync("http://127.0.0.1:15672/api/overview");
        Assert.Equal(HttpStatusCode.Unauthorized, overview.StatusCode);
        await Assert.ThrowsAnyAsync<BrokerUnreachableException>(() =>
            new ConnectionFactory { HostName = "127.0.0.1", UserName = "guest", Password = "guest", VirtualHost = "platform" }.CreateConnectionAsync());
    }

    [Fact]
    public async Task A_service_publishes_its_own_events_only_and_cannot_use_the_management_api()
    {
        // As the catalogue: publishing a zone event (which reporting trusts) is refused; its own event exchange is not.
        var factory = new ConnectionFactory { HostName = "127.0.0.1", UserName = "platform-catalogue", Password = platform.Secrets["RABBITMQ_PASSWORD_CATALOGUE"], VirtualHost = "platform" };
        await using (var connection = await factory.CreateConnectionAsync())
        {
            await using (var own = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true)))
                await own.ExchangeDeclarePassiveAsync("Platform.Contracts.Events.Catalogue.V1:StrategyPublished");
            await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
            var refused = await Assert.ThrowsAnyAsync<Exception>(async () =>
                await channel.BasicPublishAsync("Platform.Contracts.Events.Zones.V1:ZoneChanged", "", true, new BasicProperties(), Encoding.UTF8.GetBytes("{}")));
            Assert.Contains("ACCESS_REFUSED", refused.ToString());
        }
        using var http = new HttpClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.ASCII.GetBytes("platform-catalogue:" + platform.Secrets["RABBITMQ_PASSWORD_CATALOGUE"])));
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("http://127.0.0.1:15672/api/overview")).StatusCode);
    }

    [Fact]
    public async Task A_services_database_role_reaches_its_own_database_only_and_creates_none()
    {
        static string Connection(string database, string role, string password) =>
            $"Host=127.0.0.1;Port=5432;Database={database};Username={role};Password={password};Pooling=false";
        var password = platform.Secrets["PG_PASSWORD_CATALOGUE"];
        await using (var own = new NpgsqlConnection(Connection("platform_catalogue", "platform_catalogue", password)))
        {
            await own.OpenAsync();
            await using var create = new NpgsqlCommand("CREATE DATABASE intruder_copy", own);
            var noCreate = await Assert.ThrowsAsync<PostgresException>(() => create.ExecuteNonQueryAsync());
            Assert.Equal("42501", noCreate.SqlState); // insufficient privilege
        }
        await using var other = new NpgsqlConnection(Connection("platform_gateway", "platform_catalogue", password));
        var refused = await Assert.ThrowsAsync<PostgresException>(() => other.OpenAsync());
        Assert.Equal("42501", refused.SqlState); // no CONNECT on another service's database (the API keys live there)
    }
}
