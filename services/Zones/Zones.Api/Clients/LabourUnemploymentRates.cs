using System.Collections.Concurrent;
using Grpc.Core;
using Microsoft.Extensions.Options;
using Platform.Contracts.Labour.V1;
using Zones.Api.Application;

namespace Zones.Api.Clients;

public sealed class LabourClientOptions
{
    public const string ClientName = "labour";
    public const string AddressKey = "GrpcClients:labour:Address";
    public const string Indicator = "unemployment_rate";

    /// <summary>Per-call deadline: a zone page must not wait long for a figure it can show without.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(2);
    /// <summary>How long a figure is reused (labour publishes monthly).</summary>
    public TimeSpan CacheFor { get; set; } = TimeSpan.FromMinutes(5);
    /// <summary>How long an outage is remembered before labour is asked again.</summary>
    public TimeSpan RetryAfterFailure { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>The answers of labour per powiat, shared by every request (the client that asks is per scope).</summary>
public sealed class UnemploymentRateCache
{
    public ConcurrentDictionary<string, (UnemploymentView View, DateTimeOffset Until)> Entries { get; } = new(StringComparer.Ordinal);
}

/// <summary>
/// Asks platform.labour.v1.LabourMarket/GetLatest for the powiat's unemployment_rate over the typed
/// client "labour" (GrpcClients:labour:Address). Degrades to "no rate + reason" when labour is not
/// configured, unreachable, slow or knows no figure; answers are cached briefly.
/// </summary>
public sealed class LabourUnemploymentRates(
    LabourMarket.LabourMarketClient labour, UnemploymentRateCache cache, IConfiguration configuration,
    IOptions<LabourClientOptions> options, TimeProvider clock, ILogger<LabourUnemploymentRates> logger) : IUnemploymentRates
{
    public async Task<UnemploymentView> LatestForPowiatAsync(string powiatTeryt, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (cache.Entries.TryGetValue(powiatTeryt, out var cached) && cached.Until > now) return cached.View;

        var view = await AskAsync(powiatTeryt, ct);
        var o = options.Value;
        cache.Entries[powiatTeryt] = (view, now + (view.Reason is null ? o.CacheFor : o.RetryAfterFailure));
        return view;
    }

    private async Task<UnemploymentView> AskAsync(string powiat, CancellationToken ct)
    {
        // The client policy would refuse the call with UNAVAILABLE; saying "not configured" tells the operator more.
        if (string.IsNullOrWhiteSpace(configuration[LabourClientOptions.AddressKey]))
            return new UnemploymentView(null, null, powiat, $"Usługa rynku pracy nie jest skonfigurowana ({LabourClientOptions.AddressKey}).");
        try
        {
            var request = new GetLatestRequest { Indicator = LabourClientOptions.Indicator, Unit = powiat };
            // Its own deadline, shorter than the policy's default: retries of UNAVAILABLE stay within it too.
            var response = await labour.GetLatestAsync(request, deadline: DateTime.UtcNow + options.Value.Timeout, cancellationToken: ct);
            return response.Latest is { } latest
                ? new UnemploymentView(latest.Value, latest.Period, powiat, null)
                : new UnemploymentView(null, null, powiat, $"Usługa rynku pracy nie zna stopy bezrobocia dla powiatu {powiat}.");
        }
        catch (RpcException ex) when (!ct.IsCancellationRequested)
        {
            logger.LogWarning("Labour market GetLatest for {Powiat} failed: {Status}", powiat, ex.Status);
            return new UnemploymentView(null, null, powiat, $"Usługa rynku pracy niedostępna ({ex.StatusCode}).");
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or OperationCanceledException && !ct.IsCancellationRequested)
        {
            logger.LogWarning("Labour market GetLatest for {Powiat} failed: {Error}", powiat, ex.Message);
            return new UnemploymentView(null, null, powiat, "Usługa rynku pracy niedostępna.");
        }
    }
}
