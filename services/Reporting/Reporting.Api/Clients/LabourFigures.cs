using System.Globalization;
using System.Runtime.CompilerServices;
using Reporting.Api.ReadModel;
using Labour = Platform.Contracts.Labour.V1;

namespace Reporting.Api.Clients;

/// <summary>A service the read model reloads from did not answer; the caller retries later (nothing is stored meanwhile).</summary>
public sealed class SourceUnavailableException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Reads stored figure revisions from platform.labour.v1.LabourMarket/ExportObservations (peer "labour",
/// GrpcClients:labour:Address; the client policy signs the calls as reporting and gives them the streaming
/// deadline). A stream that breaks is resumed after the last row received, a few times; then
/// <see cref="SourceUnavailableException"/>, as when no address is configured.
/// </summary>
public sealed class LabourFigures(Labour.LabourMarket.LabourMarketClient client, ILogger<LabourFigures> logger)
{
    public const string Peer = "labour";

    /// <summary>Every revision of one batch (<paramref name="batchId"/>), or of every batch (null), page by page.</summary>
    public async IAsyncEnumerable<IReadOnlyList<RmObservation>> ReadAsync(string? batchId, [EnumeratorCancellation] CancellationToken ct)
    {
        long afterId = 0;
        var pages = ResumableStream.ReadAsync(() => client.ExportObservations(
                new Labour.ExportObservationsRequest { BatchId = batchId ?? "", AfterId = afterId, PageSize = 5000 }, cancellationToken: ct),
            $"Usługa rynku pracy nie odpowiada; dane paczki {batchId ?? "(wszystkie)"} nie zostały wczytane", logger, ct);
        await foreach (var page in pages)
        {
            if (page.Observations.Count == 0) continue;
            afterId = page.Observations[^1].Id;
            yield return page.Observations.Select(ToRow).ToList();
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
