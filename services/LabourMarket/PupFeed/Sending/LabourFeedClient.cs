using Platform.Contracts.Labour.V1;
using Platform.Grpc;
using Platform.Grpc.Client;
using PupFeed.Checks;
using PupFeed.Cli;

namespace PupFeed.Sending;

/// <summary>The answer to one file's batch.</summary>
public abstract record SendOutcome
{
    public sealed record Accepted(SubmitObservationsResponse Response) : SendOutcome;
    /// <summary>The platform rejected rows (INVALID_ARGUMENT): its answer and the rows it named.</summary>
    public sealed record Rejected(string Message, SubmitObservationsResponse? Response, IReadOnlyList<(string Field, string Description)> Violations) : SendOutcome;
    public sealed record Unavailable(string Message) : SendOutcome;
    public sealed record Failed(string Message) : SendOutcome;
}

/// <summary>
/// The platform's gRPC API as the feeder uses it, with the office's API key on every call and retries
/// with growing pauses while the platform is UNAVAILABLE — safe, because a batch id is answered once.
/// </summary>
public sealed class LabourFeedClient(FeedOptions options, FeedConsole console) : IDisposable
{
    private static Google.Protobuf.Reflection.MethodDescriptor M(string name) => LabourReflection.Descriptor.Services[0].FindMethodByName(name);
    private static readonly GrpcMethod<SubmitObservationsRequest, SubmitObservationsResponse> Submit = GrpcMethod<SubmitObservationsRequest, SubmitObservationsResponse>.For(M("SubmitObservations"));
    private static readonly GrpcMethod<ListUnitsRequest, ListUnitsResponse> Units = GrpcMethod<ListUnitsRequest, ListUnitsResponse>.For(M("ListUnits"));
    private static readonly GrpcMethod<ListIndicatorsRequest, ListIndicatorsResponse> Indicators = GrpcMethod<ListIndicatorsRequest, ListIndicatorsResponse>.For(M("ListIndicators"));

    private readonly GrpcChannel _channel = GrpcChannel.ForAddress(options.Address, new GrpcChannelOptions { Retry = null });

    private CallOptions Call(CancellationToken ct, TimeSpan timeout)
    {
        var headers = new Metadata();
        if (!string.IsNullOrEmpty(options.ApiKey)) headers.Add("x-api-key", options.ApiKey);
        return new CallOptions(headers, DateTime.UtcNow + timeout, ct);
    }

    /// <summary>The platform's units and indicators, or null (with the reason told) when it cannot be reached.</summary>
    public async Task<(ReferenceLists? Lists, SendOutcome? Problem)> LoadReferenceAsync(CancellationToken ct)
    {
        var outcome = await WithRetriesAsync(async () =>
        {
            var indicators = await _channel.UnaryAsync(Indicators, new ListIndicatorsRequest(), Call(ct, TimeSpan.FromSeconds(30)));
            var units = new List<string>();
            for (var page = 1; ; page++)
            {
                var answer = await _channel.UnaryAsync(Units, new ListUnitsRequest { Page = page, PageSize = 1000 }, Call(ct, TimeSpan.FromSeconds(30)));
                units.AddRange(answer.Units.Select(u => u.Teryt));
                if (answer.Units.Count == 0 || units.Count >= answer.Total) break;
            }
            return new ReferenceLists(units, indicators);
        }, ct);
        return outcome;
    }

    /// <summary>Streams the rows in chunks; <paramref name="rows"/> is called again for each attempt.</summary>
    public async Task<SendOutcome> SubmitAsync(string batchId, Func<IAsyncEnumerable<ObservationRow>> rows, Action<long> sent, CancellationToken ct)
    {
        var (response, problem) = await WithRetriesAsync(async () =>
        {
            // A large file may take minutes: the deadline only guards against a platform that hangs.
            using var call = _channel.ClientStreaming(Submit, Call(ct, TimeSpan.FromHours(2)));
            var message = new SubmitObservationsRequest { BatchId = batchId, Source = options.Source };
            long count = 0;
            await foreach (var row in rows().WithCancellation(ct))
            {
                message.Rows.Add(row);
                if (message.Rows.Count < options.ChunkRows) continue;
                await call.RequestStream.WriteAsync(message, ct);
                sent(count += message.Rows.Count);
                message = new SubmitObservationsRequest();
            }
            if (message.Rows.Count > 0 || count == 0) await call.RequestStream.WriteAsync(message, ct);
            sent(count + message.Rows.Count);
            await call.RequestStream.CompleteAsync();
            return await call;
        }, ct);
        return problem ?? new SendOutcome.Accepted(response!);
    }

    private async Task<(T? Value, SendOutcome? Problem)> WithRetriesAsync<T>(Func<Task<T>> attempt, CancellationToken ct) where T : class
    {
        var delay = options.RetryDelay;
        for (var n = 0; ; n++)
        {
            try { return (await attempt(), null); }
            catch (RpcException ex) when (ex.StatusCode == StatusCode.InvalidArgument)
            {
                var answer = ex.Details?.Details.Where(d => d.Is(SubmitObservationsResponse.Descriptor))
                    .Select(d => d.Unpack<SubmitObservationsResponse>()).FirstOrDefault();
                return (null, new SendOutcome.Rejected(ex.Status.Detail, answer, ex.FieldViolations.Select(v => (v.Field, v.Description)).ToList()));
            }
            catch (RpcException ex) when (ex.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded && n < options.Retries && !ct.IsCancellationRequested)
            {
                console.Problem($"Platforma niedostępna ({ex.Status.Detail}); ponowienie {n + 1}/{options.Retries} za {delay.TotalSeconds:0} s.");
                await Task.Delay(delay, ct);
                delay = TimeSpan.FromSeconds(Math.Min(delay.TotalSeconds * 2, 300));
            }
            catch (RpcException ex) when (ex.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded)
            {
                return (null, new SendOutcome.Unavailable(ex.Status.Detail));
            }
            catch (RpcException ex)
            {
                return (null, new SendOutcome.Failed($"{ex.StatusCode}: {ex.Status.Detail}"));
            }
        }
    }

    public void Dispose() => _channel.Dispose();
}
