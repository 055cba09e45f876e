using System.Runtime.CompilerServices;
using Platform.Grpc;
using Platform.Grpc.Client;

namespace Reporting.Api.Clients;

/// <summary>
/// Reads an export stream of another service; when it breaks for a reason worth retrying, starts the call
/// again (the caller's <c>start</c> asks to resume after the last page it has taken), a few times, then
/// <see cref="SourceUnavailableException"/> with <c>what</c> in its message.
/// </summary>
public static class ResumableStream
{
    private const int Attempts = 4;

    public static async IAsyncEnumerable<TResponse> ReadAsync<TResponse>(
        Func<AsyncServerStreamingCall<TResponse>> start, string what, ILogger logger, [EnumeratorCancellation] CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var call = start();
            var failure = (Exception?)null;
            while (true)
            {
                TResponse page;
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
                yield return page;
            }
            if (failure is null) yield break;
            if (attempt == Attempts) throw new SourceUnavailableException($"{what} ({failure.Message}).", failure);
            logger.LogWarning("Export stream broke (attempt {Attempt}): {Error}; resuming", attempt, failure.Message);
            await Task.Delay(TimeSpan.FromSeconds(attempt), ct);
        }
    }

    // Unreachable, reset or overloaded: worth resuming. A refusal or a bad request is not.
    private static bool Transient(Exception ex) => ex switch
    {
        RpcException r => r.StatusCode is StatusCode.Unavailable or StatusCode.Internal or StatusCode.Unknown or StatusCode.DeadlineExceeded or StatusCode.ResourceExhausted or StatusCode.Aborted,
        HttpRequestException or IOException => true,
        _ => false,
    };
}
