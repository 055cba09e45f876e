using BuildingBlocks.Tests.Notes;
using BuildingBlocks.Tests.Notes.V1;
using Grpc.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Platform.ServiceDefaults.Grpc;
using Platform.ServiceDefaults.Identity;
using Platform.ServiceDefaults.Telemetry;
using Platform.Testing;

namespace BuildingBlocks.Tests.Grpc;

/// <summary>
/// The one policy every service-to-service call goes through (<see cref="GrpcClientPolicy"/>): the
/// caller's own signed identity, a default deadline, UNAVAILABLE naming the missing setting.
/// </summary>
public sealed class GrpcClientPolicyTests(NotesFixture fixture) : IClassFixture<NotesFixture>
{
    private static NotesApi.NotesApiClient ClientFor(string peer, string? address)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(
            address is null ? [] : [new KeyValuePair<string, string?>($"GrpcClients:{peer}:Address", address)]).Build();
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddSingleton(TestIdentity.Tokens);
        services.AddPlatformGrpcClient<NotesApi.NotesApiClient>(peer, "reporting");
        return services.BuildServiceProvider().GetRequiredService<NotesApi.NotesApiClient>();
    }

    [Fact]
    public async Task A_call_carries_the_callers_service_identity_and_a_default_deadline()
    {
        var client = ClientFor("notes", fixture.Host.GrpcAddress.ToString());
        var reply = await client.WriteAsync(new WriteRequest { Text = "z usługi" });
        Assert.Equal("service:reporting", reply.Caller);
        Assert.Equal([PlatformRoles.Service], reply.Roles);
        Assert.True(reply.HadDeadline);

        // A service's own identity may write nothing a territory owns.
        var refused = await Assert.ThrowsAsync<RpcException>(() => client.WriteAsync(new WriteRequest { Text = "z usługi", Unit = "1203" }).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, refused.StatusCode);
    }

    [Fact]
    public async Task An_unconfigured_peer_is_unavailable_naming_the_setting_and_an_unreachable_one_unavailable()
    {
        var unconfigured = await Assert.ThrowsAsync<RpcException>(() => ClientFor("labour", null).WriteAsync(new WriteRequest()).ResponseAsync);
        Assert.Equal(StatusCode.Unavailable, unconfigured.StatusCode);
        Assert.Contains("GrpcClients:labour:Address", unconfigured.Status.Detail);

        var closed = ClientFor("zones", $"http://127.0.0.1:{ServiceTestHost.FreePort()}");
        var unreachable = await Assert.ThrowsAsync<RpcException>(() => closed.WriteAsync(new WriteRequest()).ResponseAsync);
        Assert.Equal(StatusCode.Unavailable, unreachable.StatusCode);
    }

    [Fact]
    public async Task The_service_itself_calls_its_peer_through_the_policy()
    {
        fixture.Host.App.Configuration["GrpcClients:notes-peer:Address"] = fixture.Host.GrpcAddress.ToString();
        var reply = await new NotesApi.NotesApiClient(fixture.Host.Channel).RelayAsync(new WriteRequest { Text = "przez usługę" },
            TestIdentity.Headers(PlatformRoles.Planner, "1203", "planista"), DateTime.UtcNow.AddSeconds(30));
        Assert.Equal("service:notes", reply.Caller); // the peer hears the calling service, not the user's forwarded header
        Assert.True(reply.HadDeadline);
    }
}
