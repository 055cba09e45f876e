using System.Globalization;
using System.Runtime.CompilerServices;
using Platform.Grpc;
using Platform.Grpc.Client;
using Platform.ServiceDefaults.Identity;
using Reporting.Api.ReadModel;
using Labour = Platform.Contracts.Labour.V1;

namespace Reporting.Api.Clients;

/// <summary>A service the read model reloads from did not answer; the caller retries later (nothing is stored meanwhile).</summary>
public sealed class SourceUnavailableException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Reads stored figure revisions from platform.labour.v1.LabourMarket/ExportObservations (named client
/// "labour", GrpcClients:labour:Address) as reporting's own service identity. A stream that breaks is
/// resumed after the last row received, a few times; then <see cref="SourceUnavailableException"/>.
/// </summary>
public sealed class LabourFigures(IGrpcChannelFactory channels, InternalIdentityToken tokens, ILogger<LabourFigures> logger)
{
    public const string ClientName = "labour";
    private const int Attempts = 4;

    private static readonly GrpcMethod<Labour.ExportObservationsRequest, Labour.ExportObservationsResponse> Export =
        GrpcMethod<Labour.ExportObservationsRequest, Labour.ExportObservationsResponse>.For(
            Labour.LabourReflection.Descriptor.Services[0].FindMethodByName("ExportObservations"));

    /// <summary>Every revision of one batch (<paramref name="batchId"/>), or of every batch (null), page by page.</summary>
    public async IAsyncEnumerable<IReadOnlyList<RmObservation>> ReadAsync(string? batchId, [EnumeratorCancellation] CancellationToken ct)
    {
        long afterId = 0;
        for (var attempt = 1; ; attempt++)
        {
            var request = new Labour.ExportObservationsRequest { BatchId = batchId ?? "", AfterId = afterId, PageSize = 5000 };
            using var call = Channel().ServerStreaming(Export, request,
                new CallOptions(tokens.Headers(Extensions.Extensions.ServiceName), cancellationToken: ct).WithTimeout(TimeSpan.FromMinutes(30)));
            var failure = (Exception?)null;
            while (true)
            {
                Labour.ExportObservationsResponse page;
                try
                {
                    if (!await call.ResponseStream.MoveNext(ct)) break;
                    page = call.ResponseStream.Current;
                }
                catch (Exception ex) when (Transient(ex) && !ct.IsCancellationRequested)
                {
                    failure = ex;
                    break;
                }
                if (page.Observations.Count == 0) continue;
                afterId = page.Observations[^1].Id;
                yield return page.Observations.Select(ToRow).ToList();
            }
            if (failure is null) yield break;
            if (attempt == Attempts)
                throw new SourceUnavailableException($"Usługa rynku pracy nie odpowiada ({failure.Message}); dane paczki {batchId ?? "(wszystkie)"} nie zostały wczytane.", failure);
            logger.LogWarning("Labour export broke after id {AfterId} (attempt {Attempt}): {Error}; resuming", afterId, attempt, failure.Message);
            await Task.Delay(TimeSpan.FromSeconds(attempt), ct);
        }
    }

    private GrpcChannel Channel()
    {
        try { return channels.GetChannel(ClientName); }
        catch (InvalidOperationException ex)
        {
            throw new SourceUnavailableException("Adres usługi rynku pracy nie jest skonfigurowany (GrpcClients:labour:Address).", ex);
        }
    }

    // Unreachable, reset or overloaded: worth resuming. A refusal or a bad request is not.
    private static bool Transient(Exception ex) => ex switch
    {
        RpcException r => r.StatusCode is StatusCode.Unavailable or StatusCode.Internal or StatusCode.Unknown or StatusCode.DeadlineExceeded or StatusCode.ResourceExhausted or StatusCode.Aborted,
        HttpRequestException or IOException => true,
        _ => false,
    };

    private static RmObservation ToRow(Labour.StoredObservation o) => new()
    {
        Indicator = o.Indicator, Unit = o.Unit, Period = o.Period, Breakdown = o.Breakdown, Revision = o.Revision,
        Value = decimal.Parse(o.Value, NumberStyles.Number, CultureInfo.InvariantCulture), Source = o.Source,
        ReceivedAt = DateTimeOffset.Parse(o.ReceivedAt, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal),
        BatchId = o.BatchId.Length == 0 ? null : o.BatchId,
    };
}
