using Google.Protobuf;
using Google.Protobuf.Reflection;
using Google.Protobuf.WellKnownTypes;
using Platform.Grpc.Tests.Proto;

namespace Platform.Grpc.Tests.Infrastructure;

/// <summary>The service under test; behaviour chosen by EchoRequest.mode.</summary>
public sealed class TestServiceImpl : IGrpcService<TestServiceImpl>
{
    public static ServiceDescriptor Descriptor => TestServiceReflection.Descriptor.Services[0];

    /// <summary>Completed when a "sleep-observe" handler sees its CancellationToken fire.</summary>
    public static TaskCompletionSource<string> ServerSawCancellation { get; set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public static void Bind(ServiceBinder<TestServiceImpl> b) => b
        .Unary<EchoRequest, EchoResponse>("Echo", static (s, r, c) => s.Echo(r, c))
        .Unary<EchoRequest, EchoResponse>("IdempotentEcho", static (s, r, c) => s.Echo(r, c))
        .ServerStreaming<EchoRequest, EchoResponse>("ServerStream", static (s, r, w, c) => s.ServerStream(r, w, c))
        .ClientStreaming<EchoRequest, EchoResponse>("ClientStream", static (s, r, c) => s.ClientStream(r, c))
        .DuplexStreaming<EchoRequest, EchoResponse>("Duplex", static (s, r, w, c) => s.Duplex(r, w, c))
        .Unary<Empty, Empty>("Ping", static (_, r, _) => Task.FromResult(r));

    public async Task<EchoResponse> Echo(EchoRequest request, ServerCallContext context)
    {
        await Apply(request, context);
        var response = new EchoResponse { Message = request.Message };
        if (request.ResponseSize > 0)
        {
            response.Payload = ByteString.CopyFrom(new byte[request.ResponseSize]);
        }
        response.Info["grpc-encoding"] = context.HttpContext.Request.Headers["grpc-encoding"].ToString();
        response.Info["peer"] = context.Peer;
        response.Info["method"] = context.Method;
        response.Info["has-deadline"] = (context.Deadline != DateTime.MaxValue).ToString();
        response.Info["payload-length"] = request.Payload.Length.ToString(System.Globalization.CultureInfo.InvariantCulture);
        response.Info["request-compressed"] = context.RequestMessageCompressed.ToString();
        return response;
    }

    private static async Task Apply(EchoRequest request, ServerCallContext context)
    {
        // Echo custom metadata back in headers and trailers.
        var echoHeaders = new Metadata();
        foreach (var entry in context.RequestHeaders)
        {
            if (entry.Key.StartsWith("x-", StringComparison.Ordinal))
            {
                echoHeaders.Add(entry);
                context.ResponseTrailers.Add(entry.IsBinary ? new Metadata.Entry(entry.Key.Replace("x-", "x-trailer-", StringComparison.Ordinal), entry.ValueBytes) : new Metadata.Entry(entry.Key.Replace("x-", "x-trailer-", StringComparison.Ordinal), entry.Value));
            }
        }
        if (echoHeaders.Count > 0)
        {
            await context.WriteResponseHeadersAsync(echoHeaders);
        }
        switch (request.Mode)
        {
            case "error":
                throw new RpcException((StatusCode)request.Code, request.Message);
            case "violations":
                throw RpcException.InvalidArgument("Request is invalid", ("name", "must not be empty"), ("year", "must be between 2000 and 2100"));
            case "throw":
                throw new InvalidOperationException("secret internal detail 42");
            case "sleep":
                await Task.Delay(request.DelayMs, context.CancellationToken);
                break;
            case "sleep-observe":
                try
                {
                    await Task.Delay(request.DelayMs, context.CancellationToken);
                }
                catch (OperationCanceledException)
                {
                    ServerSawCancellation.TrySetResult(context.Deadline <= DateTime.UtcNow ? "deadline" : "cancel");
                    throw;
                }
                break;
            case "sleep-ignore":
                await Task.Delay(request.DelayMs);
                break;
            case "compress":
                context.ResponseCompression = "gzip";
                break;
            case "status":
                context.Status = new Status((StatusCode)request.Code, request.Message);
                break;
        }
    }

    public async Task ServerStream(EchoRequest request, IServerStreamWriter<EchoResponse> stream, ServerCallContext context)
    {
        await Apply(request, context);
        switch (request.Mode)
        {
            case "mixed":
                context.ResponseCompression = "gzip";
                break;
            case "sizes":
                await WriteVaryingSizes(request.Count, stream);
                return;
            case "overlap":
                await WriteOverlapping(stream, context);
                return;
            case "flood":
                await Flood(request.ResponseSize, stream, context);
                return;
        }
        for (var i = 0; i < request.Count; i++)
        {
            if (request.Mode == "mixed")
            {
                stream.WriteOptions = i % 2 == 0 ? null : new WriteOptions(WriteFlags.NoCompress);
            }
            if (request.DelayMs > 0 && request.Mode != "sleep")
            {
                await Task.Delay(request.DelayMs, context.CancellationToken);
            }
            await stream.WriteAsync(new EchoResponse { Message = request.Message, Index = i });
        }
        if (request.Mode == "error-after")
        {
            throw new RpcException((StatusCode)request.Code, "failed after messages");
        }
    }

    /// <summary>Sizes on both sides of the 64 KiB framing limit, each payload filled with its index.</summary>
    public static readonly int[] StreamSizes = [10, 100_000, 2_000, 70_000, 5, 65_531, 65_536, 0, 300];

    private static async Task WriteVaryingSizes(int count, IServerStreamWriter<EchoResponse> stream)
    {
        for (var i = 0; i < count; i++)
        {
            var payload = new byte[StreamSizes[i % StreamSizes.Length]];
            Array.Fill(payload, (byte)(i + 1));
            await stream.WriteAsync(new EchoResponse { Index = i, Payload = ByteString.CopyFrom(payload) });
        }
    }

    /// <summary>
    /// Starts a second write while the first (1 MiB, more than the client's flow-control window
    /// before it reads) still waits: the second must be refused, and the first still arrive.
    /// </summary>
    private static async Task WriteOverlapping(IServerStreamWriter<EchoResponse> stream, ServerCallContext context)
    {
        var first = stream.WriteAsync(new EchoResponse { Index = 0, Payload = ByteString.CopyFrom(new byte[1 << 20]) });
        try
        {
            await stream.WriteAsync(new EchoResponse { Index = 1 });
            context.ResponseTrailers.Add("x-overlap", first.IsCompleted ? "first-done" : "accepted");
        }
        catch (InvalidOperationException)
        {
            context.ResponseTrailers.Add("x-overlap", "refused");
        }
        await first;
    }

    /// <summary>Writes until the client goes away; reports how the handler ended.</summary>
    private static async Task Flood(int size, IServerStreamWriter<EchoResponse> stream, ServerCallContext context)
    {
        var message = new EchoResponse { Payload = ByteString.CopyFrom(new byte[size]) };
        try
        {
            for (var i = 0; i < 100_000; i++)
            {
                message.Index = i;
                await stream.WriteAsync(message);
            }
            ServerSawCancellation.TrySetResult("finished");
        }
        catch (Exception ex)
        {
            ServerSawCancellation.TrySetResult(context.CancellationToken.IsCancellationRequested ? "cancel" : ex.GetType().Name);
            throw;
        }
    }

    public async Task<EchoResponse> ClientStream(IAsyncStreamReader<EchoRequest> requests, ServerCallContext context)
    {
        var count = 0;
        var text = new System.Text.StringBuilder();
        long payload = 0;
        await foreach (var request in requests.ReadAllAsync(context.CancellationToken))
        {
            count++;
            text.Append(request.Message);
            payload += request.Payload.Length;
        }
        var response = new EchoResponse { Message = text.ToString(), Index = count };
        response.Info["payload-length"] = payload.ToString(System.Globalization.CultureInfo.InvariantCulture);
        response.Info["grpc-encoding"] = context.HttpContext.Request.Headers["grpc-encoding"].ToString();
        return response;
    }

    public async Task Duplex(IAsyncStreamReader<EchoRequest> requests, IServerStreamWriter<EchoResponse> responses, ServerCallContext context)
    {
        var i = 0;
        while (await requests.MoveNext(context.CancellationToken))
        {
            var request = requests.Current;
            if (request.Mode == "error")
            {
                throw new RpcException((StatusCode)request.Code, request.Message);
            }
            await responses.WriteAsync(new EchoResponse { Message = request.Message, Index = i++ });
        }
    }
}
