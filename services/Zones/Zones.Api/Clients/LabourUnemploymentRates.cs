using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Platform.Grpc;
using Platform.Grpc.Client;
using Platform.Contracts.Labour.V1;
using Zones.Api.Application;

namespace Zones.Api.Clients;

public sealed class LabourClientOptions
{
    public const string ClientName = "labour";
    public const string Indicator = "unemployment_rate";

    /// <summary>Per-call deadline: a zone page must not wait long for a figure it can show without.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(2);
    /// <summary>How long a figure is reused (labour publishes monthly).</summary>
    public TimeSpan CacheFor { get; set; } = TimeSpan.FromMinutes(5);
    /// <summary>How long an outage is remembered before labour is asked again.</summary>
    public TimeSpan RetryAfterFailure { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>
/// Asks platform.labour.v1.LabourMarket/GetLatest for the powiat's unemployment_rate over the named
/// client "labour" (GrpcClients:labour:Address). Degrades to "no rate + reason" when labour is not
/// configured, unreachable, slow or knows no figure; answers are cached briefly.
/// </summary>
public sealed class LabourUnemploymentRates(
    IServiceProvider services, IOptions<LabourClientOptions> options, TimeProvider clock, ILogger<LabourUnemploymentRates> logger) : IUnemploymentRates
{
    private static readonly GrpcMethod<GetLatestRequest, LatestResponse> GetLatest =
        GrpcMethod<GetLatestRequest, LatestResponse>.For(LabourReflection.Descriptor.Services[0].FindMethodByName("GetLatest"));

    private readonly ConcurrentDictionary<string, (UnemploymentView View, DateTimeOffset Until)> _cache = new(StringComparer.Ordinal);

    public async Task<UnemploymentView> LatestForPowiatAsync(string powiatTeryt, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (_cache.TryGetValue(powiatTeryt, out var cached) && cached.Until > now) return cached.View;

        var view = await AskAsync(powiatTeryt, ct);
        var o = options.Value;
        _cache[powiatTeryt] = (view, now + (view.Reason is null ? o.CacheFor : o.RetryAfterFailure));
        return view;
    }

    private async Task<UnemploymentView> AskAsync(string powiat, CancellationToken ct)
    {
        GrpcChannel channel;
        try
        {
            channel = services.GetRequiredService<IGrpcChannelFactory>().GetChannel(LabourClientOptions.ClientName);
        }
        catch (InvalidOperationException)
        {
            return new UnemploymentView(null, null, powiat, "Usługa rynku pracy nie jest skonfigurowana (GrpcClients:labour:Address).");
        }
        try
        {
            var request = new GetLatestRequest { Indicator = LabourClientOptions.Indicator, Unit = powiat };
            var response = await channel.UnaryAsync(GetLatest, request,
                new CallOptions(cancellationToken: ct).WithTimeout(options.Value.Timeout));
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
