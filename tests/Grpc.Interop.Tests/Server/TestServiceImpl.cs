using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.Testing;
using Platform.Grpc;

namespace Grpc.Interop.Tests.Server;

/// <summary>
/// grpc.testing.TestService on the Platform.Grpc server API, following the server features of
/// grpc/grpc doc/interop-test-descriptions.md: EmptyCall, UnaryCall, CacheableUnaryCall,
/// StreamingOutputCall, StreamingInputCall, FullDuplexCall, HalfDuplexCall, Echo Status,
/// Echo Metadata, CompressedRequest, CompressedResponse and ResponseParameters.interval_us.
/// UnimplementedCall is deliberately left unbound (the transport must answer UNIMPLEMENTED).
/// </summary>
public sealed class TestServiceImpl : IGrpcService<TestServiceImpl>
{
    public const string EchoInitialKey = "x-grpc-test-echo-initial";
    public const string EchoTrailingKey = "x-grpc-test-echo-trailing-bin";

    public static ServiceDescriptor Descriptor => TestReflection.Descriptor.Services[0];

    public static void Bind(ServiceBinder<TestServiceImpl> binder) => binder
        .Unary<Empty, Empty>("EmptyCall", static (s, r, c) => s.EmptyCall(r, c))
        .Unary<SimpleRequest, SimpleResponse>("UnaryCall", static (s, r, c) => s.UnaryCall(r, c))
        .Unary<SimpleRequest, SimpleResponse>("CacheableUnaryCall", static (s, r, c) => s.UnaryCall(r, c))
        .ServerStreaming<StreamingOutputCallRequest, StreamingOutputCallResponse>("StreamingOutputCall", static (s, r, w, c) => s.StreamingOutputCall(r, w, c))
        .ClientStreaming<StreamingInputCallRequest, StreamingInputCallResponse>("StreamingInputCall", static (s, r, c) => s.StreamingInputCall(r, c))
        .DuplexStreaming<StreamingOutputCallRequest, StreamingOutputCallResponse>("FullDuplexCall", static (s, r, w, c) => s.FullDuplexCall(r, w, c))
        .DuplexStreaming<StreamingOutputCallRequest, StreamingOutputCallResponse>("HalfDuplexCall", static (s, r, w, c) => s.HalfDuplexCall(r, w, c));

    public async Task<Empty> EmptyCall(Empty request, ServerCallContext context)
    {
        await EchoMetadataAsync(context).ConfigureAwait(false);
        return new Empty();
    }

    public async Task<SimpleResponse> UnaryCall(SimpleRequest request, ServerCallContext context)
    {
        if (request.ExpectCompressed?.Value == true)
        {
            EnsureCompressedRequest(context);
        }
        if (request.ResponseCompressed is not null)
        {
            context.ResponseCompression = request.ResponseCompressed.Value ? "gzip" : "identity";
        }
        await EchoMetadataAsync(context).ConfigureAwait(false);
        ThrowIfEchoStatus(request.ResponseStatus);
        return new SimpleResponse { Payload = CreatePayload(request.ResponseSize) };
    }

    public async Task StreamingOutputCall(StreamingOutputCallRequest request, IServerStreamWriter<StreamingOutputCallResponse> responses, ServerCallContext context)
    {
        if (request.ResponseParameters.Any(p => p.Compressed?.Value == true))
        {
            // The call is compressed; messages asked for uncompressed opt out one by one (WriteResponsesAsync).
            context.ResponseCompression = "gzip";
        }
        await EchoMetadataAsync(context).ConfigureAwait(false);
        await WriteResponsesAsync(request.ResponseParameters, responses, context).ConfigureAwait(false);
        ThrowIfEchoStatus(request.ResponseStatus);
    }

    public async Task<StreamingInputCallResponse> StreamingInputCall(IAsyncStreamReader<StreamingInputCallRequest> requests, ServerCallContext context)
    {
        await EchoMetadataAsync(context).ConfigureAwait(false);
        var total = 0;
        while (await requests.MoveNext(context.CancellationToken).ConfigureAwait(false))
        {
            var request = requests.Current;
            if (request.ExpectCompressed?.Value == true)
            {
                EnsureCompressedRequest(context);
            }
            total += request.Payload?.Body.Length ?? 0;
        }
        return new StreamingInputCallResponse { AggregatedPayloadSize = total };
    }

    public async Task FullDuplexCall(IAsyncStreamReader<StreamingOutputCallRequest> requests, IServerStreamWriter<StreamingOutputCallResponse> responses, ServerCallContext context)
    {
        await EchoMetadataAsync(context).ConfigureAwait(false);
        while (await requests.MoveNext(context.CancellationToken).ConfigureAwait(false))
        {
            var request = requests.Current;
            ThrowIfEchoStatus(request.ResponseStatus);
            await WriteResponsesAsync(request.ResponseParameters, responses, context).ConfigureAwait(false);
        }
    }

    public async Task HalfDuplexCall(IAsyncStreamReader<StreamingOutputCallRequest> requests, IServerStreamWriter<StreamingOutputCallResponse> responses, ServerCallContext context)
    {
        await EchoMetadataAsync(context).ConfigureAwait(false);
        var buffered = new List<StreamingOutputCallRequest>();
        while (await requests.MoveNext(context.CancellationToken).ConfigureAwait(false))
        {
            buffered.Add(requests.Current);
        }
        foreach (var request in buffered)
        {
            ThrowIfEchoStatus(request.ResponseStatus);
            await WriteResponsesAsync(request.ResponseParameters, responses, context).ConfigureAwait(false);
        }
    }

    private static async Task WriteResponsesAsync(IEnumerable<ResponseParameters> parameters, IServerStreamWriter<StreamingOutputCallResponse> responses, ServerCallContext context)
    {
        foreach (var p in parameters)
        {
            if (p.IntervalUs > 0)
            {
                await Task.Delay(TimeSpan.FromMicroseconds(p.IntervalUs), context.CancellationToken).ConfigureAwait(false);
            }
            // Per message: in a compressed call, a message asked for uncompressed goes with flag 0.
            responses.WriteOptions = p.Compressed?.Value == false && context.ResponseCompression is not null and not "identity"
                ? new WriteOptions(WriteFlags.NoCompress)
                : null;
            await responses.WriteAsync(new StreamingOutputCallResponse { Payload = CreatePayload(p.Size) }, context.CancellationToken).ConfigureAwait(false);
        }
    }

    internal static Payload CreatePayload(int size) =>
        new() { Type = PayloadType.Compressable, Body = ByteString.CopyFrom(new byte[Math.Max(0, size)]) };

    /// <summary>
    /// CompressedRequest: the request message must have arrived with the compressed flag set.
    /// </summary>
    private static void EnsureCompressedRequest(ServerCallContext context)
    {
        if (!context.RequestMessageCompressed)
        {
            throw new RpcException(StatusCode.InvalidArgument, "Expected compressed request");
        }
    }

    /// <summary>Echo Status: end the call with the code and message the client asked for.</summary>
    private static void ThrowIfEchoStatus(EchoStatus? status)
    {
        if (status is null || status.Code == 0)
        {
            return;
        }
        // The echoed trailer, if any, is already in context.ResponseTrailers, which go out with errors too.
        throw new RpcException(new Status((StatusCode)status.Code, status.Message));
    }

    /// <summary>Echo Metadata: initial value back as a response header, -bin value as a trailer.</summary>
    private static async Task EchoMetadataAsync(ServerCallContext context)
    {
        var trailing = context.RequestHeaders.GetValueBytes(EchoTrailingKey);
        if (trailing is not null)
        {
            context.ResponseTrailers.Add(EchoTrailingKey, trailing);
        }
        var initial = context.RequestHeaders.GetValue(EchoInitialKey);
        if (initial is not null)
        {
            await context.WriteResponseHeadersAsync(new Metadata().Add(EchoInitialKey, initial)).ConfigureAwait(false);
        }
    }
}
