using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Platform.Grpc.Interceptors;

/// <summary>
/// Logs every call's method, outcome and duration (Information for OK, Warning for errors
/// returned as <see cref="RpcException"/>). Register with <c>options.Interceptors.Add&lt;CallLoggingInterceptor&gt;()</c>.
/// </summary>
public sealed partial class CallLoggingInterceptor(ILogger<CallLoggingInterceptor> logger) : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await continuation(request, context).ConfigureAwait(false);
            Completed(context, started, null);
            return response;
        }
        catch (Exception ex)
        {
            Completed(context, started, ex);
            throw;
        }
    }

    public override Task ServerStreamingServerHandler<TRequest, TResponse>(TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation) =>
        Run(context, () => continuation(request, responseStream, context));

    public override async Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await continuation(requestStream, context).ConfigureAwait(false);
            Completed(context, started, null);
            return response;
        }
        catch (Exception ex)
        {
            Completed(context, started, ex);
            throw;
        }
    }

    public override Task DuplexStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, DuplexStreamingServerMethod<TRequest, TResponse> continuation) =>
        Run(context, () => continuation(requestStream, responseStream, context));

    private async Task Run(ServerCallContext context, Func<Task> call)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await call().ConfigureAwait(false);
            Completed(context, started, null);
        }
        catch (Exception ex)
        {
            Completed(context, started, ex);
            throw;
        }
    }

    private void Completed(ServerCallContext context, long started, Exception? exception)
    {
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        switch (exception)
        {
            case null:
                LogCompleted(context.Method, context.Status.StatusCode, elapsed);
                break;
            case RpcException rpc:
                LogFailed(context.Method, rpc.StatusCode, rpc.Status.Detail, elapsed);
                break;
            case OperationCanceledException when context.CancellationToken.IsCancellationRequested:
                LogCompleted(context.Method, context.Deadline <= DateTime.UtcNow ? StatusCode.DeadlineExceeded : StatusCode.Cancelled, elapsed);
                break;
            default:
                // The transport logs the exception itself and answers UNKNOWN.
                LogFailed(context.Method, StatusCode.Unknown, exception.GetType().Name, elapsed);
                break;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "gRPC {Method} completed with {StatusCode} in {ElapsedMs:0.0} ms")]
    private partial void LogCompleted(string method, StatusCode statusCode, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "gRPC {Method} failed with {StatusCode} ({Detail}) in {ElapsedMs:0.0} ms")]
    private partial void LogFailed(string method, StatusCode statusCode, string detail, double elapsedMs);
}
