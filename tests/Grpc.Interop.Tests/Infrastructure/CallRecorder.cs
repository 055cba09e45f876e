using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Grpc.Interop.Tests.Infrastructure;

/// <summary>
/// What a service itself received of a peer's call that went through the gateway: put in front of each
/// service's pipeline, it keeps the request headers (gRPC metadata), the compressed flag of each request
/// message as it came off the wire, and whether the call ended aborted (the caller cancelled). Only calls
/// carrying <see cref="ProbeHeader"/> are kept, under its value.
/// </summary>
public sealed class CallRecorder
{
    public const string ProbeHeader = "x-interop-probe";

    private readonly ConcurrentDictionary<string, RecordedCall> _calls = new();

    public void Attach(WebApplication app, string service) => app.Use(async (context, next) =>
    {
        var probe = context.Request.Headers[ProbeHeader].ToString();
        if (probe.Length == 0)
        {
            await next(context);
            return;
        }
        var call = new RecordedCall(service, context.Request.Path.Value ?? "",
            context.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString()));
        _calls[probe] = call;
        // Kestrel reads through a replaced body stream too (it wraps it in a PipeReader for gRPC).
        var frames = new GrpcFrameObserver(context.Request.Body);
        context.Request.Body = frames;
        try
        {
            await next(context);
        }
        finally
        {
            call.Complete(frames.CompressedFlags, context.RequestAborted.IsCancellationRequested);
        }
    });

    /// <summary>The call sent with this probe value, once the service has finished it.</summary>
    public async Task<RecordedCall> FinishedAsync(string probe, TimeSpan timeout)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            if (_calls.TryGetValue(probe, out var call) && call.Finished) return call;
            if (waited.Elapsed > timeout)
                throw new Xunit.Sdk.XunitException(call is null
                    ? $"no service received a call with {ProbeHeader}: {probe}"
                    : $"{call.Service} {call.Path} did not finish within {timeout}");
            await Task.Delay(50);
        }
    }
}

public sealed class RecordedCall(string service, string path, IReadOnlyDictionary<string, string> headers)
{
    public string Service { get; } = service;
    public string Path { get; } = path;
    /// <summary>Request headers by lower-case name (several values of one name joined by ", ").</summary>
    public IReadOnlyDictionary<string, string> Headers { get; } = headers;
    /// <summary>The compressed flag of each request message, in order.</summary>
    public IReadOnlyList<bool> CompressedFlags { get; private set; } = [];
    /// <summary>The call's request-aborted token had fired when the service was done with it.</summary>
    public bool Aborted { get; private set; }
    public bool Finished => _finished;
    private volatile bool _finished;

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    internal void Complete(IReadOnlyList<bool> compressedFlags, bool aborted)
    {
        CompressedFlags = compressedFlags;
        Aborted = aborted;
        _finished = true;
    }
}
