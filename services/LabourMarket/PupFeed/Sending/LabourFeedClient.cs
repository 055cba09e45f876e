using Google.Rpc;
using Grpc.Core;
using Grpc.Net.Client;
using Platform.Contracts.Labour.V1;
using PupFeed.Checks;
using PupFeed.Cli;

namespace PupFeed.Sending;

/// <summary>The answer to one file's batch.</summary>
public abstract record SendOutcome
{
    public sealed record Accepted(SubmitObservationsResponse Response) : SendOutcome;
    /// <summary>The platform rejected rows (INVALID_ARGUMENT, or PERMISSION_DENIED for units outside the key's territory): its answer and the rows it named.</summary>
    public sealed record Rejected(string Message, SubmitObservationsResponse? Response, IReadOnlyList<(string Field, string Description)> Violations) : SendOutcome;
    public sealed record Unavailable(string Message) : SendOutcome;
    public sealed record Failed(string Message) : SendOutcome;
}

/// <summary>
/// The platform's gRPC API as the feeder uses it (the generated client over Grpc.Net.Client), with the
/// office's API key on every call and retries with growing pauses while the platform is UNAVAILABLE —
/// safe, because a batch id is answered once. The channel has no service config, so it never retries
/// on its own: every attempt is this class's, and the clerk sees each one.
/// </summary>
public sealed class LabourFeedClient(FeedOptions options, FeedConsole console) : IDisposable
{
    private readonly GrpcChannel _channel = GrpcChannel.ForAddress(options.Address, new GrpcChannelOptions
    {
        HttpHandler = new SocketsHttpHandler
        {
            ConnectTimeout = TimeSpan.FromSeconds(20),
            // A file streams for minutes: pings keep the connection alive through the office's NAT and find a dead one.
            KeepAlivePingDelay = TimeSpan.FromSeconds(60),
            KeepAlivePingTimeout = TimeSpan.FromSeconds(30),
            KeepAlivePingPolicy = HttpKeepAlivePingPolicy.WithActiveRequests,
            EnableMultipleHttp2Connections = true,
            UseProxy = false,
            AllowAutoRedirect = false,
        },
        DisposeHttpClient = true,
    });

    private LabourMarket.LabourMarketClient? _client;
    private LabourMarket.LabourMarketClient Client => _client ??= new(_channel);

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
            var indicators = await Client.ListIndicatorsAsync(new ListIndicatorsRequest(), Call(ct, TimeSpan.FromSeconds(30)));
            var units = new List<string>();
            for (var page = 1; ; page++)
            {
                var answer = await Client.ListUnitsAsync(new ListUnitsRequest { Page = page, PageSize = 1000 }, Call(ct, TimeSpan.FromSeconds(30)));
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
            using var call = Client.SubmitObservations(Call(ct, TimeSpan.FromHours(2)));
            var message = new SubmitObservationsRequest { BatchId = batchId, Source = options.Source };
            long count = 0;
            await foreach (var row in rows().WithCancellation(ct))
            {
                message.Rows.Add(row);
                if (message.Rows.Count < options.ChunkRows) continue;
                await WriteAsync(call.RequestStream, message, ct);
                sent(count += message.Rows.Count);
                message = new SubmitObservationsRequest();
            }
            if (message.Rows.Count > 0 || count == 0) await WriteAsync(call.RequestStream, message, ct);
            sent(count + message.Rows.Count);
            await call.RequestStream.CompleteAsync();
            return await call;
        }, ct);
        return problem ?? new SendOutcome.Accepted(response!);
    }

    // A write fails with the call's status when the call has ended (the platform answered early). A
    // connection broken under the write is the same as one that could not be made: try again later.
    private static async Task WriteAsync(IClientStreamWriter<SubmitObservationsRequest> stream, SubmitObservationsRequest chunk, CancellationToken ct)
    {
        try { await stream.WriteAsync(chunk, ct); }
        catch (Exception ex) when (ex is IOException or HttpRequestException or ObjectDisposedException && !ct.IsCancellationRequested)
        {
            throw new RpcException(new Grpc.Core.Status(StatusCode.Unavailable, "połączenie przerwane podczas wysyłania", ex));
        }
    }

    private async Task<(T? Value, SendOutcome? Problem)> WithRetriesAsync<T>(Func<Task<T>> attempt, CancellationToken ct) where T : class
    {
        var delay = options.RetryDelay;
        for (var n = 0; ; n++)
        {
            try { return (await attempt(), null); }
            // Rows the platform refused: bad rows (INVALID_ARGUMENT), or units outside the key's territory
            // (PERMISSION_DENIED carrying the same answer with its rows).
            catch (RpcException ex) when (ex.StatusCode == StatusCode.InvalidArgument
                || ex.StatusCode == StatusCode.PermissionDenied && ex.GetRpcStatus()?.GetDetail<SubmitObservationsResponse>() is not null)
            {
                // The platform's own answer (counts and every row it listed) rides in the status details.
                var status = ex.GetRpcStatus();
                var violations = status?.GetDetail<BadRequest>()?.FieldViolations.Select(v => (v.Field, v.Description)).ToList() ?? [];
                return (null, new SendOutcome.Rejected(ex.Status.Detail, status?.GetDetail<SubmitObservationsResponse>(), violations));
            }
            catch (RpcException ex) when (FeedErrors.IsTransient(ex) && n < options.Retries && !ct.IsCancellationRequested)
            {
                console.Problem($"Platforma niedostępna ({FeedErrors.Describe(ex, options.Address)}); ponowienie {n + 1}/{options.Retries} za {delay.TotalSeconds:0} s.");
                await Task.Delay(delay, ct);
                delay = TimeSpan.FromSeconds(Math.Min(delay.TotalSeconds * 2, 300));
            }
            catch (RpcException ex) when (FeedErrors.IsTransient(ex) && !ct.IsCancellationRequested)
            {
                return (null, new SendOutcome.Unavailable(FeedErrors.Describe(ex, options.Address)));
            }
            catch (RpcException ex)
            {
                return (null, new SendOutcome.Failed(FeedErrors.Describe(ex, options.Address)));
            }
        }
    }

    public void Dispose() => _channel.Dispose();
}
