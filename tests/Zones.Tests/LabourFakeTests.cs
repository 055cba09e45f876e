using System.Collections.Concurrent;
using System.Text.Json;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Platform.ServiceDefaults.Identity;
using Platform.Testing;
using static Zones.Tests.TestData;
using Labour = Platform.Contracts.Labour.V1;

namespace Zones.Tests;

/// <summary>A stand-in labour service: answers GetLatest after <c>delay</c>, with or without a figure, and keeps who asked.</summary>
public sealed class FakeLabour(TimeSpan delay, bool knowsFigure) : Labour.LabourMarket.LabourMarketBase
{
    public ConcurrentQueue<string> Identities { get; } = new();

    public override async Task<Labour.LatestResponse> GetLatest(Labour.GetLatestRequest request, ServerCallContext context)
    {
        Identities.Enqueue(context.RequestHeaders.GetValue(InternalIdentityToken.HeaderName) ?? "");
        await Task.Delay(delay, context.CancellationToken);
        return knowsFigure
            ? new Labour.LatestResponse { Latest = new Labour.Observation { Indicator = request.Indicator, Unit = request.Unit, Period = "2024", Value = 7.5 } }
            : new Labour.LatestResponse();
    }
}

/// <summary>Zones next to a <see cref="FakeLabour"/> bound on port 0; zones is given the port actually bound.</summary>
public abstract class FakeLabourFixture(FakeLabour fake) : ZonesFixture
{
    private ServiceTestHost? _labour;

    public FakeLabour Fake => fake;

    protected override string? LabourAddress => _labour!.GrpcAddress.ToString();

    public override async Task InitializeAsync()
    {
        _labour = await ServiceTestHost.StartAsync([],
            builder => builder.Services.AddGrpc().Services.AddSingleton(fake),
            app => app.MapGrpcService<FakeLabour>());
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_labour is not null) await _labour.DisposeAsync();
    }
}

/// <summary>Labour answers only after 15 s: zones gives up at its own 2 s deadline (LabourMarket:Timeout).</summary>
public sealed class SlowLabourFixture() : FakeLabourFixture(new FakeLabour(TimeSpan.FromSeconds(15), knowsFigure: true));

/// <summary>Labour answers at once but knows no figure for the powiat.</summary>
public sealed class NoFigureLabourFixture() : FakeLabourFixture(new FakeLabour(TimeSpan.Zero, knowsFigure: false));

public sealed class SlowLabourTests(SlowLabourFixture fixture) : IClassFixture<SlowLabourFixture>
{
    [Fact]
    public async Task A_slow_labour_service_is_given_up_after_its_deadline_and_the_outage_is_remembered()
    {
        using var client = fixture.Client();
        var started = DateTime.UtcNow;
        var created = await PostZoneAsync(client, Zone("Strefa przy wolnym rynku pracy", Rect.Around(19.45, 50.15, 400)));
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(8), $"took {DateTime.UtcNow - started}");
        var unemployment = created.GetProperty("unemployment");
        Assert.Equal(JsonValueKind.Null, unemployment.GetProperty("ratePercent").ValueKind);
        Assert.Equal("Usługa rynku pracy niedostępna (DeadlineExceeded).", unemployment.GetProperty("reason").GetString());
        var asked = fixture.Fake.Identities.Count;
        Assert.True(asked >= 1);

        // Within LabourMarket:RetryAfterFailure the same powiat is not asked again.
        var id = created.GetProperty("zone").GetProperty("id").GetGuid();
        started = DateTime.UtcNow;
        var again = await GetJsonAsync(client, $"api/v1/zones/{id}");
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(1), $"took {DateTime.UtcNow - started}");
        Assert.Equal("Usługa rynku pracy niedostępna (DeadlineExceeded).", again.GetProperty("unemployment").GetProperty("reason").GetString());
        Assert.Equal(asked, fixture.Fake.Identities.Count);
    }
}

public sealed class NoFigureLabourTests(NoFigureLabourFixture fixture) : IClassFixture<NoFigureLabourFixture>
{
    [Fact]
    public async Task A_powiat_labour_knows_nothing_about_has_no_rate_and_zones_asks_as_itself()
    {
        using var client = fixture.Client();
        var created = await PostZoneAsync(client, Zone("Strefa bez danych o bezrobociu", Rect.Around(19.45, 50.15, 400)));
        var unemployment = created.GetProperty("unemployment");
        Assert.Equal(JsonValueKind.Null, unemployment.GetProperty("ratePercent").ValueKind);
        Assert.Equal("Usługa rynku pracy nie zna stopy bezrobocia dla powiatu 1203.", unemployment.GetProperty("reason").GetString());

        // The call carries zones' own signed service identity, not the planner's.
        var identity = await TestIdentity.Tokens.ValidateAsync(Assert.Single(fixture.Fake.Identities));
        Assert.NotNull(identity);
        Assert.Equal(PlatformRoles.Service, identity.FindFirst(PlatformClaims.Role)?.Value);
        Assert.Equal("service:zones", identity.FindFirst(PlatformClaims.Subject)?.Value);
    }
}
