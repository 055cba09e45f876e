using Grpc.Core;
using Grpc.Net.Client;
using Platform.Contracts.Labour.V1;
using Platform.ServiceDefaults.Identity;
using Platform.Testing;
// An alias: inside LabourMarket.Tests the name LabourMarket is the tests' root namespace.
using LabourMarketService = Platform.Contracts.Labour.V1.LabourMarket;

namespace LabourMarket.Tests;

/// <summary>platform.labour.v1 for the tests: the generated client and the feed's call shape.</summary>
public static class LabourClient
{
    public static LabourMarketService.LabourMarketClient Labour(this GrpcChannel channel) => new(channel);

    /// <summary>How long any test call may take: a hang fails the test instead of blocking the run.</summary>
    public static DateTime Deadline => DateTime.UtcNow.AddSeconds(30);

    public static ObservationRow Row(string indicator, string unit, string period, double value, string breakdown = "total") =>
        new() { Indicator = indicator, Unit = unit, Period = period, Value = value, Breakdown = breakdown };

    /// <summary>The identity metadata the gateway would add for a caller with this role and territory.</summary>
    public static Metadata As(string role, string territory) => TestIdentity.Headers(role, territory, "test-" + role);

    /// <summary>Streams the rows in chunks of <paramref name="chunk"/>, the batch id in the first chunk.</summary>
    public static async Task<SubmitObservationsResponse> SubmitAsync(this GrpcChannel channel, string batchId, IEnumerable<ObservationRow> rows, int chunk = 2, Metadata? headers = null)
    {
        // Unless told otherwise, as an administrator (no territory limit), signed as the gateway signs.
        headers ??= As(PlatformRoles.Admin, "");
        using var call = channel.Labour().SubmitObservations(headers, Deadline);
        var first = true;
        foreach (var part in rows.Chunk(chunk))
        {
            var message = new SubmitObservationsRequest { BatchId = first ? batchId : "", Source = first ? "test PUP" : "" };
            message.Rows.Add(part);
            await call.RequestStream.WriteAsync(message);
            first = false;
        }
        if (first) await call.RequestStream.WriteAsync(new SubmitObservationsRequest { BatchId = batchId, Source = "test PUP" });
        await call.RequestStream.CompleteAsync();
        return await call;
    }
}
