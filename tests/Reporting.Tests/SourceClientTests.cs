using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Platform.ServiceDefaults.Identity;
using Platform.Testing;
using Reporting.Api.Application;
using Reporting.Api.Clients;
using Reporting.Api.Extensions;
using Reporting.Api.Persistence;

namespace Reporting.Tests;

/// <summary>
/// Reporting's clients of its sources as the service wires them (the shared client policy), without the sources:
/// a peer with no address ends at once as <see cref="SourceUnavailableException"/> naming the setting, and an
/// unreachable one after the stream's resumes, in Polish — what a rebuild answers as 503 / UNAVAILABLE.
/// </summary>
public sealed class SourceClientTests
{
    [Fact]
    public async Task An_unconfigured_source_is_unavailable_at_once_naming_the_setting()
    {
        await using var services = Services(new Dictionary<string, string?>());
        await using var scope = services.CreateAsyncScope();
        var started = Stopwatch.StartNew();

        var labour = await Assert.ThrowsAsync<SourceUnavailableException>(() =>
            scope.ServiceProvider.GetRequiredService<LabourFigures>().ReadAsync("paczka", CancellationToken.None).ToListAsync().AsTask());
        Assert.Contains("nie jest skonfigurowany (GrpcClients:labour:Address)", labour.Message);
        var zones = await Assert.ThrowsAsync<SourceUnavailableException>(() =>
            scope.ServiceProvider.GetRequiredService<ZonesRebuild>().RebuildAsync(CancellationToken.None));
        Assert.Contains("nie jest skonfigurowany (GrpcClients:zones:Address)", zones.Message);
        var catalogue = await Assert.ThrowsAsync<SourceUnavailableException>(() =>
            scope.ServiceProvider.GetRequiredService<CatalogueRebuild>().RebuildAsync(CancellationToken.None));
        Assert.Contains("nie jest skonfigurowany (GrpcClients:catalogue:Address)", catalogue.Message);

        // Nothing to retry: no resumes with their delays (1 + 2 + 3 s for a broken stream).
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(3), $"took {started.Elapsed}");
    }

    [Fact]
    public async Task An_unreachable_source_is_unavailable_after_the_resumes()
    {
        await using var services = Services(new Dictionary<string, string?>
        {
            ["GrpcClients:labour:Address"] = $"http://127.0.0.1:{ServiceTestHost.FreePort()}",
        });
        await using var scope = services.CreateAsyncScope();

        var e = await Assert.ThrowsAsync<SourceUnavailableException>(() =>
            scope.ServiceProvider.GetRequiredService<LabourFigures>().ReadAsync("paczka", CancellationToken.None).ToListAsync().AsTask());
        Assert.StartsWith("Usługa rynku pracy nie odpowiada; dane paczki paczka nie zostały wczytane (Unavailable", e.Message);
    }

    private static ServiceProvider Services(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddSingleton(TestIdentity.Tokens);
        services.AddSingleton(TimeProvider.System);
        // Never opened: every call here fails before the read model is touched.
        services.AddDbContext<ReportingDbContext>(o => o.UseNpgsql("Host=127.0.0.1;Database=unused"));
        // The same registrations as the service's.
        services.AddSourceClients();
        return services.BuildServiceProvider();
    }
}
