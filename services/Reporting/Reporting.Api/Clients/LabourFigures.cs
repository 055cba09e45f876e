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

    private static readonly GrpcMethod<Labour.ExportObservationsRequest, Labour.ExportObservationsResponse> Export =
        GrpcMethod<Labour.ExportObservationsRequest, Labour.ExportObservationsResponse>.For(
            Labour.LabourReflection.Descriptor.Services[0].FindMethodByName("ExportObservations"));

    /// <summary>Every revision of one batch (<paramref name="batchId"/>), or of every batch (null), page by page.</summary>
    public async IAsyncEnumerable<IReadOnlyList<RmObservation>> ReadAsync(string? batchId, [EnumeratorCancellation] CancellationToken ct)
    {
        long afterId = 0;
        var pages = ResumableStream.ReadAsync(() => Channel().ServerStreaming(Export,
                new Labour.ExportObservationsRequest { BatchId = batchId ?? "", AfterId = afterId, PageSize = 5000 },
                new CallOptions(tokens.Headers(Extensions.Extensions.ServiceName), cancellationToken: ct).WithTimeout(TimeSpan.FromMinutes(30))),
            $"Usługa rynku pracy nie odpowiada; dane paczki {batchId ?? "(wszystkie)"} nie zostały wczytane", logger, ct);
        await foreach (var page in pages)
        {
            if (page.Observations.Count == 0) continue;
            afterId = page.Observations[^1].Id;
            yield return page.Observations.Select(ToRow).ToList();
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

    private static RmObservation ToRow(Labour.StoredObservation o) => new()
    {
        Indicator = o.Indicator, Unit = o.Unit, Period = o.Period, Breakdown = o.Breakdown, Revision = o.Revision,
        Value = decimal.Parse(o.Value, NumberStyles.Number, CultureInfo.InvariantCulture), Source = o.Source,
        ReceivedAt = DateTimeOffset.Parse(o.ReceivedAt, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal),
        BatchId = o.BatchId.Length == 0 ? null : o.BatchId,
    };
}
