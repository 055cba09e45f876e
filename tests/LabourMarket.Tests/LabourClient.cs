using Platform.Contracts.Labour.V1;
using Platform.Grpc.Client;
using Platform.ServiceDefaults.Identity;
using Platform.Testing;

namespace LabourMarket.Tests;

/// <summary>Typed handles of platform.labour.v1 for the tests.</summary>
public static class LabourClient
{
    private static Google.Protobuf.Reflection.MethodDescriptor M(string name) => LabourReflection.Descriptor.Services[0].FindMethodByName(name);

    public static readonly GrpcMethod<SubmitObservationsRequest, SubmitObservationsResponse> Submit = GrpcMethod<SubmitObservationsRequest, SubmitObservationsResponse>.For(M("SubmitObservations"));
    public static readonly GrpcMethod<GetSeriesRequest, SeriesResponse> Series = GrpcMethod<GetSeriesRequest, SeriesResponse>.For(M("GetSeries"));
    public static readonly GrpcMethod<GetChangesRequest, ChangesResponse> Changes = GrpcMethod<GetChangesRequest, ChangesResponse>.For(M("GetChanges"));
    public static readonly GrpcMethod<GetSharesRequest, SharesResponse> Shares = GrpcMethod<GetSharesRequest, SharesResponse>.For(M("GetShares"));
    public static readonly GrpcMethod<ListUnitsRequest, ListUnitsResponse> Units = GrpcMethod<ListUnitsRequest, ListUnitsResponse>.For(M("ListUnits"));

    public static ObservationRow Row(string indicator, string unit, string period, double value, string breakdown = "total") =>
        new() { Indicator = indicator, Unit = unit, Period = period, Value = value, Breakdown = breakdown };

    /// <summary>The identity metadata the gateway would add for a caller with this role and territory.</summary>
    public static Platform.Grpc.Metadata As(string role, string territory) =>
        new() { { InternalIdentityToken.HeaderName, TestIdentity.Token(role, territory, "test-" + role) } };

    /// <summary>Streams the rows in chunks of <paramref name="chunk"/>, the batch id in the first chunk.</summary>
    public static async Task<SubmitObservationsResponse> SubmitAsync(this GrpcChannel channel, string batchId, IEnumerable<ObservationRow> rows, int chunk = 2, Platform.Grpc.Metadata? headers = null)
    {
        // Unless told otherwise, as an administrator (no territory limit), signed as the gateway signs.
        headers ??= As(PlatformRoles.Admin, "");
        using var call = channel.ClientStreaming(Submit, new CallOptions(headers).WithTimeout(TimeSpan.FromSeconds(30)));
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
