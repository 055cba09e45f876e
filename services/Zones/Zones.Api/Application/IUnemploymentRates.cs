namespace Zones.Api.Application;

/// <summary>
/// The latest registered-unemployment rate of a powiat, from the labour-market service. Never throws:
/// when labour cannot answer, the view carries no rate and the reason, and the zone is shown anyway.
/// </summary>
public interface IUnemploymentRates
{
    Task<UnemploymentView> LatestForPowiatAsync(string powiatTeryt, CancellationToken ct);
}
