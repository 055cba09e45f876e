using System.Runtime.CompilerServices;
using Grpc.Core;

namespace Reporting.Api.Clients;

/// <summary>
/// Reads an export stream of another service; when it breaks for a reason worth retrying, starts the call
/// again (the caller's <c>start</c> asks to resume after the last page it has taken), a few times, then
/// <see cref="SourceUnavailableException"/> with <c>what</c> in its message. A call refused before it is
/// sent (the client policy's "address not configured") is not retried: it ends at once the same way.
/// </summary>
public static class ResumableStream
{
    private const int Attempts = 4;

    public static async IAsyncEnumerable<TResponse> ReadAsync<TResponse>(
        Func<AsyncServerStreamingCall<TResponse>> start, string what, ILogger logger, [EnumeratorCancellation] CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            AsyncServerStreamingCall<TResponse> started;
            // The policy throws while starting the call, before anything goes out ("Adres usługi … nie jest
            // skonfigurowany"): retrying cannot help, and its own words say what to fix.
            try { started = start(); }
            catch (RpcException ex) { throw new SourceUnavailableException(ex.Status.Detail, ex); }
            using var call = started;
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
            if (attempt == Attempts) throw new SourceUnavailableException($"{what} ({Describe(failure)}).", failure);
            logger.LogWarning("Export stream broke (attempt {Attempt}): {Error}; resuming", attempt, Describe(failure));
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

    // RpcException.Message is "Status(StatusCode=…, Detail=…)"; the detail alone reads better in a Polish sentence.
    private static string Describe(Exception ex) => ex is RpcException r ? $"{r.StatusCode}: {r.Status.Detail}" : ex.Message;
}
