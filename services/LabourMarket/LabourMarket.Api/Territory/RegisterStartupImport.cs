using Microsoft.Extensions.Options;
using Platform.ServiceDefaults.Errors;

namespace LabourMarket.Api.Territory;

public sealed class TerritoryOptions
{
    public const string SectionName = "Territory";

    /// <summary>A GUS TERC file to load at every start (deploy/run.sh passes the operator's); empty = none.</summary>
    public string? TercFile { get; set; }
}

/// <summary>
/// The register at start-up, before the demo figures (hosted services start in order): the configured TERC file
/// (Territory:TercFile) is imported at every start — idempotent, and an unchanged register is still published, so
/// a service whose copy is empty catches up — or, without one and with DemoData:Import, the demo subset when the
/// register is empty. A refused file is logged, not fatal: the register stays as it was.
/// </summary>
public sealed class RegisterStartupImport(
    IServiceScopeFactory scopes, IOptions<TerritoryOptions> territory, IOptions<Import.DemoDataOptions> demo, ILogger<RegisterStartupImport> logger)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var path = territory.Value.TercFile;
        if (string.IsNullOrWhiteSpace(path) && !demo.Value.Import) return;
        await using var scope = scopes.CreateAsyncScope();
        var import = scope.ServiceProvider.GetRequiredService<RegisterImport>();
        if (string.IsNullOrWhiteSpace(path))
        {
            if (await import.LoadDemoSubsetIfEmptyAsync(cancellationToken) is { } subset)
                logger.LogInformation("TERYT register: the demo subset loaded ({Units} units, version {Version}); load a GUS TERC file for the whole country",
                    subset.Added, subset.Version);
            return;
        }
        try
        {
            await using var file = File.OpenRead(path);
            var report = await import.ImportAsync(file, Path.GetFileName(path), RegisterImport.ServiceItself("start usługi"), cancellationToken);
            logger.LogInformation("TERYT register from {File}: version {Version} ({Outcome}), {Gminy} gminy",
                path, report.Version, report.Changed ? "updated" : "unchanged", report.Counts.GetValueOrDefault("gmina"));
        }
        catch (ValidationFailedException ex)
        {
            logger.LogError("TERYT register: {File} refused, the register stays as it was: {Errors}", path, ex.Message);
        }
        catch (IOException ex)
        {
            logger.LogError(ex, "TERYT register: {File} cannot be read, the register stays as it was", path);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
