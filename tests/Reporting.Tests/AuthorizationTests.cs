using System.Net;
using System.Net.Http.Json;
using Platform.ServiceDefaults.Identity;
using Platform.Testing;

namespace Reporting.Tests;

/// <summary>Published reports are public; producing one needs an analyst or a coordinator, the rebuild an administrator.</summary>
public sealed class AuthorizationTests(ReportingFixture fixture) : IClassFixture<ReportingFixture>
{
    private static object Request => new { kind = "final-evaluation", strategyId = Guid.NewGuid(), from = 2015, to = 2023 };

    [Fact]
    public async Task Starting_a_report_needs_a_signed_in_analyst_or_coordinator()
    {
        using var anonymous = fixture.Host.CreateHttpClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/api/v1/reports", Request)).StatusCode);

        using var planner = fixture.Host.CreateHttpClient().As(PlatformRoles.Planner, "120305");
        Assert.Equal(HttpStatusCode.Forbidden, (await planner.PostAsJsonAsync("/api/v1/reports", Request)).StatusCode);

        // Reading the list stays public.
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/api/v1/reports")).StatusCode);
    }

    [Fact]
    public async Task Only_an_administrator_rebuilds_the_read_model()
    {
        using var analyst = fixture.Host.CreateHttpClient().As(PlatformRoles.Analyst, "1203");
        Assert.Equal(HttpStatusCode.Forbidden, (await analyst.PostAsync("/api/v1/reports/read-model/rebuild", null)).StatusCode);
    }
}
